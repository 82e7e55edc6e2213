package uk.nhs.impact.platform.hierarchy;

import java.time.LocalDate;

/**
 * An NHS organisation, effective-dated: it exists from {@code validFrom} to {@code validTo} inclusive (null: still open).
 * {@code trustType} (acute, mental_health, community, ambulance, specialist) is set for trusts only.
 */
public record Organisation(String odsCode, String name, OrgLevel level, String trustType, LocalDate validFrom, LocalDate validTo,
        boolean closeDateConfirmed) {

    public boolean openOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }

    /** The type used to choose question sets and segment reports: trust, icb, region, directorate or national. */
    public String orgType() {
        return level.name().toLowerCase(java.util.Locale.ROOT);
    }
}
