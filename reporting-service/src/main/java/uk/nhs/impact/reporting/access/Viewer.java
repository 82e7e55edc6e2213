package uk.nhs.impact.reporting.access;

import java.time.LocalDate;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.SharingLevel;

/**
 * Who reads a report view, as the access table ({@code report-access.csv}) resolves the caller's token: which areas it may
 * read and which self-assessments count in what it reads.
 *
 * @param orgCode the caller's organisation
 * @param reach   the areas it may read (NONE: no report view at all)
 * @param tier    the sharing tier of its role (null for NONE; OWN for an organisation reading its own provider view)
 */
public record Viewer(String orgCode, Reach reach, Tier tier, OrgScope scope) {

    /** Which areas' views a caller may read. */
    public enum Reach {
        NONE, OWN, WITHIN, ALL
    }

    /** The sharing tier of the caller's role: a self-assessment it may read one by one is shared at least this far. */
    public enum Tier {
        OWN, ICB, REGION, NATIONAL
    }

    public static Viewer none(OrgScope scope) {
        return new Viewer(scope.orgCode(), Reach.NONE, null, scope);
    }

    public boolean readsReports() {
        return reach != Reach.NONE;
    }

    /** It may read this organisation's self-assessment, shared at {@code sharing}, one by one (its own, or as its role allows). */
    public boolean readsOneByOne(String owner, SharingLevel sharing, LocalDate asOf) {
        return scope.isOwn(owner) && reach == Reach.OWN || scope.mayRead(owner, sharing, asOf);
    }

    /**
     * The self-assessment counts in the figures this viewer reads: it may read it one by one, or it is shared nationally (and
     * then, where the viewer may not read it one by one, it is hidden and only passes the disclosure guard in groups).
     */
    public boolean counts(String owner, SharingLevel sharing, LocalDate asOf) {
        return readsOneByOne(owner, sharing, asOf) || sharing == SharingLevel.NATIONAL;
    }

    /** The least sharing of a self-assessment this viewer may read one by one (own returns reach reporting only once shared). */
    public SharingLevel sharedAtLeast() {
        return tier == null || tier == Tier.OWN ? SharingLevel.ICB : SharingLevel.valueOf(tier.name());
    }

    /** Viewers with the same key may run the same queries over the same contributors (for caching suppression plans). */
    public String key() {
        return reach + ":" + tier + ":" + orgCode;
    }
}
