package uk.nhs.impact.reporting.assessment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.figures.DisclosureConfig;
import uk.nhs.impact.reporting.figures.DisclosureGuard;
import uk.nhs.impact.reporting.query.QueryFamily;
import uk.nhs.impact.reporting.query.Snapshot;

/**
 * Which self-assessments of a cycle count for a viewer, and which of the cells it can ask for may be published: the
 * distribution's areas × filters and the peer groups of every position it may read form one family of linked tables.
 */
@ApplicationScoped
public class AssessmentDisclosure {
    /** What a viewer's figures of one cycle may draw on. */
    public record Contributors(LocalDate asOf, Set<String> counted, DisclosureGuard.Plan plan) {
        public String[] countedArray() {
            return counted.toArray(String[]::new);
        }
    }

    /** A submitted, shared assessment of the cycle as the guard sees it: where its organisation sits and how widely it is shared. */
    public interface Shared {
        QueryFamily.Unit unit();

        SharingLevel sharing();
    }

    private record Record(QueryFamily.Unit unit, SharingLevel sharing) implements Shared {
    }

    /**
     * How a viewer sees a cycle's assessments: those that count for it, those of them it reads one by one, and the others
     * (hidden, by ODS code, with their oversight segments), each hidden organisation weighing one.
     */
    public record Split<R extends Shared>(List<R> counted, List<R> readable, Map<String, QueryFamily.Unit> hidden) {
        public Map<String, Long> weight() {
            Map<String, Long> weight = new HashMap<>();
            hidden.keySet().forEach(ods -> weight.put(ods, 1L));
            return weight;
        }
    }

    @Inject
    QueryFamily family;
    @Inject
    DisclosureConfig disclosure;

    /** The key of a position's peer-group cell. */
    public static String peerKey(PositionReports.PeerGroup group, String code) {
        return "peers=" + group.name() + ":" + code;
    }

    /** Read through {@code db}, so that the figures built on it see the same assessments (see {@link Snapshot}). */
    public Uni<Contributors> of(SqlClient db, Viewer viewer, String cycle, LocalDate asOf) {
        Uni<List<Record>> records = db.preparedQuery("""
                select ods_code, org_type, trust_type, icb_code, region_code, sharing from assessment_record
                where cycle = $1 and status = 'SUBMITTED'""")
                .execute(Tuple.of(cycle)).map(rows -> {
                    List<Record> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Record(new QueryFamily.Unit(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                                r.getString(4), Set.of()), SharingLevel.valueOf(r.getString(5))));
                    }
                    return out;
                });
        return Uni.combine().all().unis(records, family.segmentsOn(db, asOf)).asTuple()
                .map(t -> contributors(viewer, asOf, t.getItem1(), t.getItem2()));
    }

    private Contributors contributors(Viewer viewer, LocalDate asOf, List<Record> records, Map<String, Set<String>> segments) {
        Split<Record> split = split(viewer, asOf, records, segments);
        Set<String> counted = new TreeSet<>();
        split.counted().forEach(r -> counted.add(r.unit().odsCode()));
        int k = disclosure.minSelfAssessmentOrganisations();
        if (split.hidden().isEmpty()) {
            return new Contributors(asOf, counted, DisclosureGuard.Plan.none(k));
        }
        return new Contributors(asOf, counted, DisclosureGuard.plan(cells(viewer, split, asOf), split.weight(), k));
    }

    /** Which of {@code records} count for the viewer, and which of those it reads one by one. */
    public static <R extends Shared> Split<R> split(Viewer viewer, LocalDate asOf, List<R> records, Map<String, Set<String>> segments) {
        List<R> counted = new ArrayList<>();
        List<R> readable = new ArrayList<>();
        Map<String, QueryFamily.Unit> hidden = new LinkedHashMap<>();
        for (R r : records) {
            String ods = r.unit().odsCode();
            if (!viewer.counts(ods, r.sharing(), asOf)) {
                continue;
            }
            counted.add(r);
            if (viewer.readsOneByOne(ods, r.sharing(), asOf)) {
                readable.add(r);
            } else {
                QueryFamily.Unit u = r.unit();
                hidden.put(ods, new QueryFamily.Unit(ods, u.orgType(), u.trustType(), u.icbCode(), u.regionCode(), segments.getOrDefault(ods, Set.of())));
            }
        }
        return new Split<>(counted, readable, hidden);
    }

    /**
     * Every cell of the self-assessment views the viewer can ask for, in the order they are decided: the distribution's
     * areas × filters, then the peer groups of every position it may read.
     */
    public List<DisclosureGuard.Cell> cells(Viewer viewer, Split<?> split, LocalDate asOf) {
        List<DisclosureGuard.Cell> cells = new ArrayList<>(family.cells(viewer, split.hidden(), true, asOf));
        cells.addAll(peerCells(split.readable().stream().map(Shared::unit).toList(), split.hidden().values()));
        return cells;
    }

    /** The peer groups of every position the viewer may read (its own organisation, or one it may read one by one). */
    private static List<DisclosureGuard.Cell> peerCells(List<QueryFamily.Unit> readable, java.util.Collection<QueryFamily.Unit> hidden) {
        Map<String, DisclosureGuard.Cell> cells = new LinkedHashMap<>();
        for (QueryFamily.Unit a : readable) {
            for (PositionReports.PeerGroup group : PositionReports.PeerGroup.values()) {
                String code = group.codeOf(a.trustType(), a.icbCode(), a.regionCode());
                if (code == null) {
                    continue;
                }
                cells.computeIfAbsent(peerKey(group, code), key -> {
                    Set<String> members = new LinkedHashSet<>();
                    for (QueryFamily.Unit u : hidden) {
                        if (Objects.equals(code, group.codeOf(u.trustType(), u.icbCode(), u.regionCode()))) {
                            members.add(u.odsCode());
                        }
                    }
                    return new DisclosureGuard.Cell(key, group.rank(), members);
                });
            }
        }
        return new ArrayList<>(cells.values());
    }
}
