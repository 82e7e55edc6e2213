package uk.nhs.impact.reporting.baseline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.impact.reporting.csv.CsvTable;
import uk.nhs.impact.reporting.figures.Figure;

/** Seed 002's table: % yes per headline domain, per organisation type, with numerator and denominator; methods cited. */
public record BaselineHeadline(String collectionId, String area, LocalDate referenceDate, List<OrgTypeResult> orgTypes,
        List<MethodCount> methods) implements CsvTable {

    public record OrgTypeResult(String orgType, long returns, List<Measure> measures) {
    }

    public record Measure(String domain, String question, Figure figure) {
    }

    public record MethodCount(int rank, String method, Figure figure) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("collection_id", "area", "reference_date", "org_type", "domain", "question", "numerator", "denominator",
                "percentage", "suppressed", "suppression_reason");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (OrgTypeResult t : orgTypes) {
            for (Measure m : t.measures()) {
                rows.add(row(t.orgType(), m.domain(), m.question(), m.figure()));
            }
        }
        for (MethodCount m : methods) {
            rows.add(row("trust", "tools", "method:" + m.method(), m.figure()));
        }
        return rows;
    }

    private List<Object> row(String orgType, String domain, String question, Figure f) {
        List<Object> row = new ArrayList<>(List.of(collectionId, area, referenceDate == null ? "" : referenceDate.toString(),
                orgType, domain, question));
        row.add(f.numerator());
        row.add(f.denominator());
        row.add(f.percentage());
        row.add(f.suppressed());
        row.add(f.suppressionReason());
        return row;
    }
}
