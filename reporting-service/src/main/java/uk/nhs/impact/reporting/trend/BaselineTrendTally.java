package uk.nhs.impact.reporting.trend;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import java.util.List;
import java.util.Locale;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.reporting.ingest.RowSet;
import uk.nhs.impact.reporting.query.Segmentation;

/**
 * The baseline trend's counts kept per collection ({@code baseline_trend_tally}, V5): for national and regional areas, each
 * org type, every trust type and each one, the collection's latest reference date and per question the returns answering
 * yes and those answering yes or no. The baseline handler recounts the tallies of every collection a batch wrote returns to,
 * from {@code baseline_return}, in the batch's transaction ({@code baseline_trend_recount}); nothing adds to or subtracts
 * from a tally, so amendments, redelivered events and a rebuild leave exactly the counts of the returns stored.
 */
public final class BaselineTrendTally {
    /** Recounts the collections of the batch's returns (a {@link RowSet} of {@code baseline_return} rows). */
    public static final String RECOUNT = "select cast(baseline_trend_recount(array(select distinct x.collection_id from "
            + RowSet.rowsOf("baseline_return") + ")) as text)";

    /** Recounts every collection's tallies: once after a rebuild has replayed the returns (see {@link #deferInThisContext()}). */
    public static final String RECOUNT_ALL = "select cast(baseline_trend_recount(array(select distinct collection_id from baseline_return)) as text)";

    private static final String DEFERRED = "reporting.baseline-trend-tally.deferred";

    /**
     * Marks the work started on the current (duplicated) Vert.x context as a rebuild's replay: its batches leave the
     * tallies alone, and the rebuild recounts every collection once at the end ({@link #RECOUNT_ALL}), instead of once per
     * batch that touches a collection.
     */
    public static void deferInThisContext() {
        ContextLocals.put(DEFERRED, Boolean.TRUE);
    }

    /** Whether the current work is a rebuild's replay, whose tallies are recounted once at its end. */
    public static boolean deferred() {
        return VertxContext.isOnDuplicatedContext() && ContextLocals.get(DEFERRED).isPresent();
    }

    /** The trend per collection from the tallies: $1 question, $2 area ('' national), $3 org type, $4 trust type ('' every). */
    static final String TREND = """
            select collection_id, reference_date, coalesce((counts -> $1 ->> 0)::bigint, 0), coalesce((counts -> $1 ->> 1)::bigint, 0)
            from baseline_trend_tally where area = $2 and org_type = $3 and trust_type = $4
            order by reference_date, collection_id""";

    private BaselineTrendTally() {
    }

    /**
     * The parameters of {@link #TREND} for the segmentation, or none when the tallies do not hold its cell: an area below a
     * region, an oversight segment, or no org type.
     */
    static List<Object> params(String question, Segmentation seg) {
        OrgLevel level = seg.area().level();
        if (level != OrgLevel.NATIONAL && level != OrgLevel.REGION || seg.segment() != null && !seg.segment().isBlank()
                || seg.orgType() == null || seg.orgType().isBlank()) {
            return List.of();
        }
        String trustType = seg.trustType() == null || seg.trustType().isBlank() ? "" : seg.trustType().toLowerCase(Locale.ROOT);
        return List.of(question, level == OrgLevel.NATIONAL ? "" : seg.area().code(), seg.orgType().toLowerCase(Locale.ROOT), trustType);
    }
}
