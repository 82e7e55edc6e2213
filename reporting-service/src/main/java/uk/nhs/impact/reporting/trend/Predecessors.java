package uk.nhs.impact.reporting.trend;

import java.time.LocalDate;
import java.util.function.Predicate;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.reporting.access.ReportAccessTable;

/**
 * How a trend counts an organisation that was later merged into another. {@code as-filed}: each figure stays where it was
 * filed (the organisation, ICB and region on its reference date). {@code successor}: an organisation's figures from before
 * a merger count under the organisation it had been merged into by the date of the trend's latest point, placed in the
 * hierarchy as it stood on that date, so the successor's line starts with its predecessors' figures.
 */
public enum Predecessors {
    AS_FILED("as-filed"), SUCCESSOR("successor");

    public static final String PATTERN = "as-filed|successor";

    private final String value;

    Predecessors(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The choice named by a query parameter (already checked against {@link #PATTERN}); absent: as filed. */
    public static Predecessors of(String value) {
        return "successor".equals(value) ? SUCCESSOR : AS_FILED;
    }

    /**
     * For {@code successor}: which filed organisations count in {@code area} once each is replaced by its latest successor
     * as at {@code latest}.
     */
    static Predicate<String> restatedWithin(OrganisationHierarchy hierarchy, ReportAccessTable.Area area, LocalDate latest) {
        if (area.isNational()) {
            return code -> true;
        }
        return code -> {
            String counted = hierarchy.latestSuccessorOf(code, latest).orElse(code);
            return counted.equals(area.code()) || (!area.isSingleOrganisation() && hierarchy.isWithin(counted, area.code(), latest));
        };
    }
}
