package uk.nhs.impact.reporting.completeness;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.impact.reporting.csv.CsvTable;
import uk.nhs.impact.reporting.figures.Figure;

/** Who has and has not submitted, per organisation type and per ICB / region, with the non-submitters named. */
public record Completeness(String collectionId, String area, LocalDate referenceDate, List<Line> byOrgType, List<Line> byIcb,
        List<Line> byRegion, List<Organisation> notSubmitted) implements CsvTable {

    public record Line(String code, String name, String orgType, Figure submitted) {
    }

    public record Organisation(String odsCode, String name, String orgType, String icbOdsCode, String regionOdsCode) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("collection_id", "area", "reference_date", "grouping", "code", "name", "org_type", "submitted", "expected",
                "percentage");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        add(rows, "org_type", byOrgType);
        add(rows, "icb", byIcb);
        add(rows, "region", byRegion);
        for (Organisation o : notSubmitted) {
            rows.add(List.of(collectionId, area, String.valueOf(referenceDate), "not_submitted", o.odsCode(), o.name(), o.orgType(),
                    0, 1, 0));
        }
        return rows;
    }

    private void add(List<List<Object>> rows, String grouping, List<Line> lines) {
        for (Line l : lines) {
            rows.add(List.of(collectionId, area, String.valueOf(referenceDate), grouping, l.code(), l.name() == null ? "" : l.name(),
                    l.orgType() == null ? "" : l.orgType(), l.submitted().numerator(), l.submitted().denominator(),
                    l.submitted().percentage() == null ? "" : l.submitted().percentage()));
        }
    }
}
