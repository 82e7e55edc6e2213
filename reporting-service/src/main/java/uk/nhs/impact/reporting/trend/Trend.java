package uk.nhs.impact.reporting.trend;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.impact.reporting.csv.CsvTable;
import uk.nhs.impact.reporting.figures.Figure;

/**
 * One measure across collections or cycles, oldest first; {@code predecessors} says how organisations merged into others
 * are counted ({@link Predecessors}: as-filed or successor).
 */
public record Trend(String measure, String area, String predecessors, List<Point> points) implements CsvTable {

    /** A baseline point carries a figure; a self-assessment point the median level and contributing organisations. */
    public record Point(String period, LocalDate referenceDate, Figure figure, BigDecimal medianLevel, Long organisations) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("measure", "area", "period", "reference_date", "numerator", "denominator", "percentage", "median_level",
                "organisations", "predecessors");
    }

    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Point p : points) {
            List<Object> row = new ArrayList<>(List.of(measure, area, p.period()));
            row.add(p.referenceDate());
            row.add(p.figure() == null ? null : p.figure().numerator());
            row.add(p.figure() == null ? null : p.figure().denominator());
            row.add(p.figure() == null ? null : p.figure().percentage());
            row.add(p.medianLevel() == null ? null : p.medianLevel().toPlainString());
            row.add(p.organisations());
            row.add(predecessors);
            rows.add(row);
        }
        return rows;
    }
}
