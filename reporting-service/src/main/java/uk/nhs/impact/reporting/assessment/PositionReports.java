package uk.nhs.impact.reporting.assessment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.query.QueryFamily;
import uk.nhs.impact.reporting.query.Snapshot;

/**
 * A provider's own self-assessment against its peers' (see {@link ProviderPosition}). The organisation itself, and those
 * who may read its assessment one by one, may see its position; the peers that count are the viewer's (see
 * {@link Viewer#counts}), and the peer side passes the disclosure guard with the viewer's other cells.
 */
@ApplicationScoped
public class PositionReports {
    /** How peers are chosen. */
    public enum PeerGroup {
        TRUST_TYPE("trust_type", QueryFamily.rank(OrgLevel.NATIONAL) + 1), ICB("icb_code", QueryFamily.rank(OrgLevel.ICB)), REGION("region_code",
                QueryFamily.rank(OrgLevel.REGION));

        final String column;
        private final int rank;

        PeerGroup(String column, int rank) {
            this.column = column;
            this.rank = rank;
        }

        /** The rank of its cells in the disclosure guard: a national trust-type group is decided before a region's. */
        public int rank() {
            return rank;
        }

        /** The group an organisation with these attributes belongs to (null when it has none). */
        public String codeOf(String trustType, String icbCode, String regionCode) {
            return switch (this) {
                case TRUST_TYPE -> trustType;
                case ICB -> icbCode;
                case REGION -> regionCode;
            };
        }

        public static PeerGroup parse(String value) {
            if (value == null || value.isBlank()) {
                return TRUST_TYPE;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw ProblemException.validation("peers", "must be trust_type, icb or region");
            }
        }
    }

    /** The organisation's own submitted assessment of the cycle. */
    public record Own(String odsCode, String sharing, String trustType, String icbCode, String regionCode, Map<String, String> componentOf,
            Map<String, Integer> levels) {
    }

    @Inject
    Snapshot snapshot;
    @Inject
    AssessmentReports reports;
    @Inject
    AssessmentDisclosure disclosure;

    /** The position of {@code odsCode}'s assessment of the cycle, as the viewer may see it, from one snapshot; 404 when it may not. */
    public Uni<ProviderPosition> position(Viewer viewer, String cycle, String odsCode, String peers) {
        PeerGroup group = PeerGroup.parse(peers);
        String ods = odsCode.trim().toUpperCase(Locale.ROOT);
        String notFound = "A submitted self-assessment of " + ods + " in cycle " + cycle;
        return snapshot.read(db -> reports.referenceDate(db, cycle).chain(date -> own(db, cycle, ods).chain(own -> {
            if (!viewer.readsReports() || !viewer.readsOneByOne(ods, SharingLevel.valueOf(own.sharing()), date)) {
                throw ProblemException.notFound(notFound);
            }
            return disclosure.of(db, viewer, cycle, date).chain(c -> position(db, cycle, own, group, viewer, c));
        })));
    }

    /** The organisation's own submitted assessment of the cycle; 404 when there is none. */
    Uni<Own> own(SqlClient db, String cycle, String ods) {
        return db.preparedQuery("""
                select a.sharing, a.trust_type, a.icb_code, a.region_code, q.key, q.value ->> 'component', (q.value ->> 'level')::int
                from assessment_record a, jsonb_each(a.answers) q
                where a.cycle = $1 and a.ods_code = $2 and a.status = 'SUBMITTED'""")
                .execute(Tuple.of(cycle, ods)).map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("A submitted self-assessment of " + ods + " in cycle " + cycle);
                    }
                    Map<String, String> componentOf = new TreeMap<>();
                    Map<String, Integer> levels = new TreeMap<>();
                    Row first = null;
                    for (Row r : rows) {
                        first = first == null ? r : first;
                        componentOf.put(r.getString(4), r.getString(5) == null ? "unknown" : r.getString(5));
                        levels.put(r.getString(4), r.getInteger(6));
                    }
                    return new Own(ods, first.getString(0), first.getString(1), first.getString(2), first.getString(3), componentOf, levels);
                });
    }

    private Uni<ProviderPosition> position(SqlClient db, String cycle, Own own, PeerGroup group, Viewer viewer, AssessmentDisclosure.Contributors c) {
        String groupCode = group.codeOf(own.trustType(), own.icbCode(), own.regionCode());
        if (groupCode == null) {
            throw ProblemException.validation("peers", own.odsCode() + " has no " + group.name().toLowerCase(Locale.ROOT) + " to compare with");
        }
        String where = " where a.cycle = $1 and a.status = 'SUBMITTED' and a.ods_code = any($2::text[]) and a.ods_code <> $3 and a."
                + group.column + " = $4";
        Tuple params = Tuple.of(cycle, c.countedArray(), own.odsCode(), groupCode);
        String counts = "select q.key, (q.value ->> 'level')::int, count(*) from assessment_record a, jsonb_each(a.answers) q" + where
                + " group by 1, 2";
        String peers = "select count(distinct a.ods_code) from assessment_record a" + where;
        String key = AssessmentDisclosure.peerKey(group, groupCode);
        String reason = c.plan().reason(key, "organisations");
        return Uni.combine().all().unis(db.preparedQuery(counts).execute(params), db.preparedQuery(peers).execute(params)).asTuple()
                .map(t -> {
                    Map<String, Map<Integer, Long>> byQuestion = new TreeMap<>();
                    for (Row r : t.getItem1()) {
                        byQuestion.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).merge(r.getInteger(1), r.getLong(2), Long::sum);
                    }
                    long n = t.getItem2().iterator().next().getLong(0);
                    return build(cycle, own, group, groupCode, viewer, n, byQuestion, reason);
                });
    }

    private static ProviderPosition build(String cycle, Own own, PeerGroup group, String groupCode, Viewer viewer, long peers,
            Map<String, Map<Integer, Long>> byQuestion, String reason) {
        boolean suppress = reason != null;
        List<ProviderPosition.Item> questions = new ArrayList<>();
        Map<String, Map<Integer, Long>> peerByComponent = new TreeMap<>();
        Map<String, Map<Integer, Long>> ownByComponent = new TreeMap<>();
        own.levels().forEach((q, level) -> {
            String component = own.componentOf().get(q);
            Map<Integer, Long> peerCounts = byQuestion.getOrDefault(q, Map.of());
            peerCounts.forEach((l, n) -> peerByComponent.computeIfAbsent(component, k -> new TreeMap<>()).merge(l, n, Long::sum));
            ownByComponent.computeIfAbsent(component, k -> new TreeMap<>()).merge(level, 1L, Long::sum);
            questions.add(item(q, component, BigDecimal.valueOf(level), peerCounts, reason));
        });
        List<ProviderPosition.Item> components = new ArrayList<>();
        ownByComponent.forEach((comp, counts) -> components.add(item(comp, comp, LevelDistribution.median(counts),
                peerByComponent.getOrDefault(comp, Map.of()), reason)));
        return new ProviderPosition(cycle, own.odsCode(), group.name().toLowerCase(Locale.ROOT), groupCode, viewer.sharedAtLeast().name(),
                peers, suppress, reason, components, questions);
    }

    private static ProviderPosition.Item item(String code, String component, BigDecimal own, Map<Integer, Long> peerCounts, String reason) {
        if (reason != null) {
            return new ProviderPosition.Item(code, component, own,
                    LevelDistribution.suppressed(peerCounts.values().stream().mapToLong(Long::longValue).sum(), reason), null);
        }
        LevelDistribution d = LevelDistribution.of(peerCounts);
        return new ProviderPosition.Item(code, component, own, d, ProviderPosition.Position.of(own, d.median()));
    }
}
