package uk.nhs.impact.platform.security;

/**
 * How far an organisation shares a return. Each level includes the ones before it:
 * shared with the region means its ICB sees it too; NATIONAL means it also counts in national aggregates.
 */
public enum SharingLevel {
    PRIVATE, ICB, REGION, NATIONAL;

    public boolean reaches(SharingLevel audience) {
        return compareTo(audience) >= 0;
    }
}
