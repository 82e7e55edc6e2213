package uk.nhs.impact.reporting.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.reporting.access.Viewer;

/**
 * Reads the entries a viewer may see, decided at read time from its token (organisation, and the reach and tier the
 * report-access table gives its roles) and, per entry, where the organisation sat in the hierarchy at the event's time:
 * <ul>
 * <li>its own organisation's entries, and every window, deadline and hierarchy change;</li>
 * <li>for ICB, region and national callers: baseline returns (and their reviews) of organisations in their area, and
 * self-assessment events of such organisations while the assessment is shared at their tier or wider now. Answers an
 * event carried beyond the sharing it had are stripped, so an entry never carries answers the caller may not read.</li>
 * </ul>
 * Nothing else is returned, so a caller cannot tell that other entries exist.
 */
@ApplicationScoped
public class FeedReader {
    private static final String SQL = """
            select f.seq, f.event_id, f.type, f.source, f.subject, f.time, f.data::text as data, f.audience, f.owner, f.sharing
            from change_feed f left join feed_assessment_sharing s on s.assessment_id = f.assessment_id
            where f.seq > $1 and (f.audience = 'EVERYONE' or f.owner = $2
                or ($3 and f.audience in ('AREA', 'SHARED') and ($4 or f.icb_code = $2 or f.region_code = $2)
                    and (f.audience = 'AREA' or s.sharing_rank >= $5)))
            order by f.seq
            limit $6""";

    private final Pool pool;
    private final ObjectMapper json;

    public FeedReader(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Up to {@code limit} entries after {@code position}, in feed order; {@code cursors} names each. */
    public Uni<List<FeedEntry>> after(Viewer viewer, long position, int limit, FeedCursor cursors) {
        boolean oversees = viewer.reach() == Viewer.Reach.WITHIN || viewer.reach() == Viewer.Reach.ALL;
        int tier = tierRank(viewer);
        Tuple params = Tuple.tuple(List.of(position, viewer.orgCode() == null ? "" : viewer.orgCode(), oversees,
                viewer.reach() == Viewer.Reach.ALL, tier, limit));
        return pool.preparedQuery(SQL).execute(params).map(rows -> {
            List<FeedEntry> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(entry(r, viewer, tier, cursors));
            }
            return out;
        });
    }

    private FeedEntry entry(Row r, Viewer viewer, int tier, FeedCursor cursors) {
        long seq = r.getLong("seq");
        JsonNode data = parse(r.getString("data"));
        boolean own = viewer.orgCode() != null && viewer.orgCode().equals(r.getString("owner"));
        if (!own && FeedAudience.SHARED.name().equals(r.getString("audience")) && data instanceof ObjectNode object
                && rank(r.getString("sharing")) < tier) {
            ObjectNode stripped = object.deepCopy();
            stripped.remove(List.of("answers", "signOff"));
            data = stripped;
        }
        return new FeedEntry(cursors.encode(seq), "1.0", r.getString("event_id"), r.getString("type"), r.getString("source"),
                r.getString("subject"), r.getOffsetDateTime("time"), "application/json", data, seq);
    }

    /** The least sharing (as a rank of {@link SharingLevel}) whose self-assessments the viewer may read one by one. */
    static int tierRank(Viewer viewer) {
        if (viewer.tier() == null || viewer.tier() == Viewer.Tier.OWN) {
            return Integer.MAX_VALUE;
        }
        return SharingLevel.valueOf(viewer.tier().name()).ordinal();
    }

    private static int rank(String sharing) {
        return sharing == null ? -1 : SharingLevel.valueOf(sharing).ordinal();
    }

    private JsonNode parse(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("feed entry is not JSON", e);
        }
    }
}
