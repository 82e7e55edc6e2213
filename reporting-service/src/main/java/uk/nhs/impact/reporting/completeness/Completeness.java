package uk.nhs.impact.reporting.completeness;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.impact.platform.review.Reviews;
import uk.nhs.impact.reporting.csv.CsvTable;
import uk.nhs.impact.reporting.figures.Figure;

/**
 * Who has and has not submitted, per organisation type and per ICB / region and in the whole area, with the non-submitters
 * named and each submitted return's review state. Review comments are never part of it.
 */
public record Completeness(String collectionId, String area, LocalDate referenceDate, Line total, List<Line> byOrgType, List<Line> byIcb,
        List<Line> byRegion, List<Organisation> submitted, List<Organisation> notSubmitted) implements CsvTable {

    /**
     * One group of expected organisations: {@code submitted} of those expected, and of those submitted, how many returns await
     * their ICB's review, were accepted, or were returned for revision.
     */
    public record Line(String code, String name, String orgType, Figure submitted, Figure awaitingReview, Figure accepted, Figure returned) {
    }

    /** An expected organisation; {@code reviewState} (AWAITING_REVIEW, ACCEPTED or RETURNED) only when it has submitted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Organisation(String odsCode, String name, String orgType, String icbOdsCode, String regionOdsCode, String reviewState) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("collection_id", "area", "reference_date", "grouping", "code", "name", "org_type", "submitted", "expected",
                "percentage", "review_state", "awaiting_review", "awaiting_review_percentage", "accepted", "accepted_percentage", "returned",
                "returned_percentage");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        add(rows, "total", List.of(total));
        add(rows, "org_type", byOrgType);
        add(rows, "icb", byIcb);
        add(rows, "region", byRegion);
        for (Organisation o : submitted) {
            rows.add(row("submitted", o.odsCode(), o.name(), o.orgType(), Figure.of(1, 1), o.reviewState(), reviewFigure(o, Reviews.AWAITING_REVIEW),
                    reviewFigure(o, Reviews.ACCEPTED), reviewFigure(o, Reviews.RETURNED)));
        }
        for (Organisation o : notSubmitted) {
            Figure none = Figure.of(0, 0);
            rows.add(row("not_submitted", o.odsCode(), o.name(), o.orgType(), Figure.of(0, 1), null, none, none, none));
        }
        return rows;
    }

    private static Figure reviewFigure(Organisation o, String state) {
        return Figure.of(state.equals(o.reviewState()) ? 1 : 0, 1);
    }

    private void add(List<List<Object>> rows, String grouping, List<Line> lines) {
        for (Line l : lines) {
            rows.add(row(grouping, l.code(), l.name(), l.orgType(), l.submitted(), null, l.awaitingReview(), l.accepted(), l.returned()));
        }
    }

    private List<Object> row(String grouping, String code, String name, String orgType, Figure submitted, String reviewState, Figure awaiting,
            Figure accepted, Figure returned) {
        List<Object> row = new ArrayList<>(List.of(collectionId, area, String.valueOf(referenceDate), grouping, code, blank(name), blank(orgType),
                submitted.numerator(), submitted.denominator(), blank(submitted.percentage()), blank(reviewState)));
        for (Figure f : List.of(awaiting, accepted, returned)) {
            row.add(f.numerator());
            row.add(blank(f.percentage()));
        }
        return row;
    }

    private static Object blank(Object value) {
        return value == null ? "" : value;
    }
}
