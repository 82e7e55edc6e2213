package uk.nhs.impact.reporting.assessment;

import java.util.ArrayList;
import java.util.List;
import uk.nhs.impact.reporting.csv.CsvTable;
import uk.nhs.impact.reporting.figures.Figure;

/** Levels chosen across shared, submitted self-assessments: per question and per component, with how many organisations contributed. */
public record AssessmentDistribution(String cycle, String area, String sharedAtLeast, long organisations,
        List<Item> components, List<Item> questions) implements CsvTable {

    public record Item(String code, String component, LevelDistribution distribution) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("cycle", "area", "shared_at_least", "organisations", "grouping", "code", "component", "level", "numerator",
                "denominator", "percentage", "median", "suppressed", "suppression_reason");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        add(rows, "component", components);
        add(rows, "question", questions);
        return rows;
    }

    private void add(List<List<Object>> rows, String grouping, List<Item> items) {
        for (Item item : items) {
            LevelDistribution d = item.distribution();
            if (d.suppressed()) {
                rows.add(row(grouping, item, null, Figure.suppressed(d.answers(), d.suppressionReason()), d));
            }
            for (LevelDistribution.LevelCount l : d.levels()) {
                rows.add(row(grouping, item, l.level(), l.figure(), d));
            }
        }
    }

    private List<Object> row(String grouping, Item item, Integer level, Figure f, LevelDistribution d) {
        List<Object> row = new ArrayList<>(List.of(cycle, area, sharedAtLeast, organisations, grouping, item.code()));
        row.add(item.component());
        row.add(level);
        row.add(f.numerator());
        row.add(f.denominator());
        row.add(f.percentage());
        row.add(d.median() == null ? null : d.median().toPlainString());
        row.add(f.suppressed());
        row.add(f.suppressionReason());
        return row;
    }
}
