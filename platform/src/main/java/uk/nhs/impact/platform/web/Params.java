package uk.nhs.impact.platform.web;

/**
 * The shapes of path, query and header parameters, shared by every service so that an identifier accepted when a
 * resource is created is accepted wherever it is named. Used with {@code @Pattern} and {@code @Size} on resource method
 * parameters: a value outside them is a 400 problem naming the parameter, and the limits appear in the OpenAPI document.
 */
public final class Params {
    /** Collection, survey run and instrument identifiers: 3 to 60 lower-case letters, digits or dashes. */
    public static final String SLUG = "[a-z0-9][a-z0-9-]{2,59}";
    public static final int SLUG_MAX = 60;
    /** Assessment cycles, e.g. {@code 2023-24}. */
    public static final String CYCLE = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}";
    public static final int CYCLE_MAX = 40;
    /** ODS codes of organisations and areas (X24, a region, an ICB, a provider) and directorate codes; either case. */
    public static final String ODS = "[A-Za-z0-9-]{3,40}";
    public static final int ODS_MAX = 40;
    /** Organisation types, trust types and peer groups, e.g. {@code mental_health}. */
    public static final String TYPE = "[A-Za-z_]{1,40}";
    public static final int TYPE_MAX = 40;
    /** Question, component and option codes, oversight frameworks and periods. */
    public static final String CODE = "[A-Za-z0-9._-]{1,60}";
    public static final int CODE_MAX = 60;
    /** An oversight segment at the reference date: {@code framework:segment}, e.g. {@code nof-2022-23:3}. */
    public static final String SEGMENT = "[A-Za-z0-9._-]{1,60}:[A-Za-z0-9._-]{1,19}";
    public static final int SEGMENT_MAX = 80;
    /** A paging cursor this API returned: visible ASCII. */
    public static final String CURSOR = "[!-~]{1,200}";
    public static final int CURSOR_MAX = 200;
    /** Page sizes. */
    public static final int LIMIT_MAX = Cursors.MAX_LIMIT;
    /** A respondent's own reference, when one trust system answers for several people. */
    public static final String REFERENCE = "[A-Za-z0-9._:-]{1,100}";
    public static final int REFERENCE_MAX = 100;
    /** Entity tags and idempotency keys. */
    public static final int ETAG_MAX = 100;
    public static final int IDEMPOTENCY_KEY_MAX = 255;
    /** Instrument versions and assessment revisions. */
    public static final int VERSION_MAX = 100_000;

    private Params() {
    }
}
