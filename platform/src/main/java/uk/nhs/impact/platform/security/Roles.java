package uk.nhs.impact.platform.security;

/** Realm roles carried in every token (see ARCHITECTURE.md, security model). */
public final class Roles {
    public static final String SUBMITTER = "submitter";
    public static final String VIEWER = "viewer";
    public static final String ICB_OVERSIGHT = "icb-oversight";
    public static final String REGION_ANALYST = "region-analyst";
    public static final String NATIONAL_ANALYST = "national-analyst";
    public static final String INSTRUMENT_ADMIN = "instrument-admin";

    private Roles() {
    }
}
