package uk.nhs.impact.reporting.csv;

import java.util.List;

/** A report that can also be served as CSV: one header row, then rows of the same figures as the JSON. */
public interface CsvTable {
    List<String> csvHeader();

    List<List<Object>> csvRows();
}
