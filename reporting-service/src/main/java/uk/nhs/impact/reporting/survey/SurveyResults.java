package uk.nhs.impact.reporting.survey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.impact.reporting.csv.CsvTable;
import uk.nhs.impact.reporting.figures.Figure;

/**
 * Per question, the share of respondents choosing each option (multi-choice shares sum past 100), with combined
 * categories computed from counts. Figures are respondent-weighted, as the survey was published. In CSV, each free-text
 * comment shown is a row of kind {@code comment} with the text in the option column.
 */
public record SurveyResults(String runId, String area, LocalDate referenceDate, String unit, Meta meta, List<Question> questions)
        implements
            CsvTable {

    /** Respondents, distinct trusts, and trusts covered out of all trusts in the area on the reference date. */
    public record Meta(long respondents, long trusts, Figure coverage) {
    }

    public record Question(String code, String kind, Figure answered, List<Option> options, List<Option> combined,
            List<String> comments) {
    }

    public record Option(String code, Figure figure) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("run_id", "area", "reference_date", "question", "kind", "option", "numerator", "denominator", "percentage",
                "suppressed", "suppression_reason");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("_meta", "coverage", "trusts", meta.coverage()));
        for (Question q : questions) {
            for (Option o : q.options()) {
                rows.add(row(q.code(), q.kind(), o.code(), o.figure()));
            }
            for (Option o : q.combined()) {
                rows.add(row(q.code(), "combined", o.code(), o.figure()));
            }
            for (String comment : q.comments()) {
                rows.add(new ArrayList<>(java.util.Arrays.asList(runId, area, String.valueOf(referenceDate), q.code(), "comment", comment,
                        null, null, null, false, null)));
            }
        }
        return rows;
    }

    private List<Object> row(String question, String kind, String option, Figure f) {
        List<Object> row = new ArrayList<>(List.of(runId, area, String.valueOf(referenceDate), question, kind, option));
        row.add(f.numerator());
        row.add(f.denominator());
        row.add(f.percentage());
        row.add(f.suppressed());
        row.add(f.suppressionReason());
        return row;
    }
}
