package uk.nhs.impact.reporting.assessment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.reporting.figures.DisclosureConfig;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A provider's own self-assessment against its peers' (see {@link ProviderPosition}). */
@ApplicationScoped
public class PositionReports {
    /** How peers are chosen, and the sharing they need to count. */
    public enum PeerGroup {
        TRUST_TYPE("trust_type", SharingLevel.NATIONAL), ICB("icb_code", SharingLevel.ICB), REGION("region_code", SharingLevel.REGION);

        final String column;
        final SharingLevel audience;

        PeerGroup(String column, SharingLevel audience) {
            this.column = column;
            this.audience = audience;
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

    /** The organisation's own submitted assessment of the cycle, as far as the caller may see it. */
    public record Own(String odsCode, String sharing, String trustType, String icbCode, String regionCode, Map<String, String> componentOf,
                      Map<String, Integer> levels) {
    }

    private final Pool pool;
    private final DisclosureConfig disclosure;

    public PositionReports(Pool pool, DisclosureConfig disclosure) {
        this.pool = pool;
        this.disclosure = disclosure;
    }

    /** The organisation's own submitted assessment of the cycle; 404 when there is none. */
    public Uni<Own> own(String cycle, String ods) {
        return pool.preparedQuery("""
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

    public Uni<ProviderPosition> position(String cycle, Own own, PeerGroup group) {
        String groupCode = switch (group) {
            case TRUST_TYPE -> own.trustType();
            case ICB -> own.icbCode();
            case REGION -> own.regionCode();
        };
        if (groupCode == null) {
            throw ProblemException.validation("peers", own.odsCode() + " has no " + group.name().toLowerCase(Locale.ROOT) + " to compare with");
        }
        String[] sharing = Arrays.stream(SharingLevel.values()).filter(l -> l.reaches(group.audience)).map(Enum::name).toArray(String[]::new);
        String where = " where a.cycle = $1 and a.status = 'SUBMITTED' and a.sharing = any($2::text[]) and a.ods_code <> $3 and a."
                + group.column + " = $4";
        Tuple params = Tuple.of(cycle, sharing, own.odsCode(), groupCode);
        String counts = "select q.key, (q.value ->> 'level')::int, count(*) from assessment_record a, jsonb_each(a.answers) q" + where
                + " group by 1, 2";
        String peers = "select count(distinct a.ods_code) from assessment_record a" + where;
        return Uni.combine().all().unis(pool.preparedQuery(counts).execute(params), pool.preparedQuery(peers).execute(params)).asTuple()
                .map(t -> {
                    Map<String, Map<Integer, Long>> byQuestion = new TreeMap<>();
                    for (Row r : t.getItem1()) {
                        byQuestion.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).merge(r.getInteger(1), r.getLong(2), Long::sum);
                    }
                    long n = t.getItem2().iterator().next().getLong(0);
                    return build(cycle, own, group, groupCode, n, byQuestion);
                });
    }

    private ProviderPosition build(String cycle, Own own, PeerGroup group, String groupCode, long peers,
                                   Map<String, Map<Integer, Long>> byQuestion) {
        boolean suppress = peers < disclosure.minSelfAssessmentOrganisations();
        String reason = suppress ? "fewer than " + disclosure.minSelfAssessmentOrganisations() + " peers share at this level" : null;
        List<ProviderPosition.Item> questions = new ArrayList<>();
        Map<String, Map<Integer, Long>> peerByComponent = new TreeMap<>();
        Map<String, Map<Integer, Long>> ownByComponent = new TreeMap<>();
        own.levels().forEach((q, level) -> {
            String component = own.componentOf().get(q);
            Map<Integer, Long> peerCounts = byQuestion.getOrDefault(q, Map.of());
            peerCounts.forEach((l, c) -> peerByComponent.computeIfAbsent(component, k -> new TreeMap<>()).merge(l, c, Long::sum));
            ownByComponent.computeIfAbsent(component, k -> new TreeMap<>()).merge(level, 1L, Long::sum);
            questions.add(item(q, component, BigDecimal.valueOf(level), peerCounts, suppress, reason));
        });
        List<ProviderPosition.Item> components = new ArrayList<>();
        ownByComponent.forEach((c, counts) -> components.add(item(c, c, LevelDistribution.median(counts),
                peerByComponent.getOrDefault(c, Map.of()), suppress, reason)));
        return new ProviderPosition(cycle, own.odsCode(), group.name().toLowerCase(Locale.ROOT), groupCode, group.audience.name(), peers,
                suppress, reason, components, questions);
    }

    private static ProviderPosition.Item item(String code, String component, BigDecimal own, Map<Integer, Long> peerCounts,
                                              boolean suppress, String reason) {
        if (suppress) {
            return new ProviderPosition.Item(code, component, own,
                    LevelDistribution.suppressed(peerCounts.values().stream().mapToLong(Long::longValue).sum(), reason), null);
        }
        LevelDistribution d = LevelDistribution.of(peerCounts);
        ProviderPosition.Position position = d.median() == null ? null
                : own.compareTo(d.median()) > 0 ? ProviderPosition.Position.ABOVE
                : own.compareTo(d.median()) < 0 ? ProviderPosition.Position.BELOW : ProviderPosition.Position.AT;
        return new ProviderPosition.Item(code, component, own, d, position);
    }
}
