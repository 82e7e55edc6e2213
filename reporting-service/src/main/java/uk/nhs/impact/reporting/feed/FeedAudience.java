package uk.nhs.impact.reporting.feed;

/** Who, besides the organisation an entry is about, may read a change-feed entry. */
public enum FeedAudience {
    /** Windows opening and closing, deadlines, hierarchy changes: every caller. */
    EVERYONE,
    /** Survey responses and anything not named here: only the organisation it is about. */
    OWN,
    /** Baseline returns and their reviews: also the ICB, region and national callers whose area holds the organisation. */
    AREA,
    /** Self-assessment events: also those callers, while the assessment is shared at their tier or wider. */
    SHARED
}
