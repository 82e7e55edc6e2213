package uk.nhs.impact.reporting.profile;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.assessment.AssessmentDisclosure;
import uk.nhs.impact.reporting.figures.DisclosureConfig;
import uk.nhs.impact.reporting.figures.DisclosureGuard;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Availability;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Group;
import uk.nhs.impact.reporting.query.QueryFamily;

/**
 * The self-assessment part of a profile. What counts is the viewer's, as in every self-assessment view ({@link Viewer#counts});
 * the organisation's own levels are shown only where the viewer may read them one by one, and otherwise the section says
 * they are not available, the same whether or not an assessment exists. Peer figures pass the disclosure guard together
 * with every cell of the distribution and position views the viewer can ask for.
 */
@ApplicationScoped
public class AssessmentSection {
    static final String KIND = "self-assessment";
    static final String NOT_AVAILABLE = "No self-assessment of this organisation for the cycle is available to the caller.";

    /** A submitted, shared assessment of the cycle as reporting holds it. */
    private record Record(QueryFamily.Unit unit, SharingLevel sharing, JsonObject answers) implements AssessmentDisclosure.Shared {
    }

    @Inject
    QueryFamily family;
    @Inject
    AssessmentDisclosure assessments;
    @Inject
    DisclosureConfig disclosure;
    @Inject
    PeerGroups peers;

    public Uni<OrganisationProfile.Section> of(SqlClient db, Viewer viewer, Organisation org, String cycle, String period) {
        Uni<List<Record>> records = db.preparedQuery("""
                select ods_code, org_type, trust_type, icb_code, region_code, sharing, answers::text, reference_date
                from assessment_record where cycle = $1 and status = 'SUBMITTED'""").execute(Tuple.of(cycle)).map(rows -> {
            List<Record> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Record(new QueryFamily.Unit(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), Set.of()),
                        SharingLevel.valueOf(r.getString(5)), new JsonObject(r.getString(6))));
            }
            return out;
        });
        // the reference date the distribution and position views read the cycle at (AssessmentReports.referenceDate)
        Uni<LocalDate> date = db.preparedQuery("select max(reference_date) from assessment_record where cycle = $1").execute(Tuple.of(cycle))
                .map(rows -> rows.iterator().next().getLocalDate(0)).map(d -> d == null ? LocalDate.now() : d);
        return Uni.combine().all().unis(records, date).asTuple().chain(t -> family.segmentsOn(db, t.getItem2())
                .map(segments -> section(viewer, org, cycle, period, t.getItem2(), t.getItem1(), segments)));
    }

    private OrganisationProfile.Section section(Viewer viewer, Organisation org, String cycle, String period, LocalDate asOf, List<Record> all,
            Map<String, Set<String>> segments) {
        AssessmentDisclosure.Split<Record> split = AssessmentDisclosure.split(viewer, asOf, all, segments);
        Record own = null;
        for (Record r : split.readable()) {
            own = r.unit().odsCode().equals(org.odsCode()) ? r : own;
        }
        DisclosureGuard.Plan plan = PeerGroup.plan(assessments.cells(viewer, split, asOf), peers.reachable(viewer, asOf), split.hidden(),
                split.weight(), disclosure.minSelfAssessmentOrganisations());

        List<Group> groups = new ArrayList<>();
        if (own != null) {
            groups.add(group("own", org.odsCode(), List.of(own), null));
        }
        for (PeerGroup g : peers.of(org, asOf)) {
            List<Record> members = split.counted().stream().filter(r -> g.includes(r.unit().orgType(), r.unit().trustType(), r.unit().regionCode()))
                    .toList();
            groups.add(group(g.scope(), g.code(), members, plan.reason(g.key(), "organisations")));
        }
        return new OrganisationProfile.Section(KIND, period, cycle, cycle, asOf, own != null ? Availability.AVAILABLE : Availability.NOT_AVAILABLE,
                own != null ? null : NOT_AVAILABLE, null, groups, null);
    }

    /** Levels per question (organisations at each level) and per component (answers at each level); only a count when suppressed. */
    private static Group group(String name, String code, List<Record> members, String reason) {
        if (reason != null) {
            return new Group(name, code, members.size(), true, reason, List.of());
        }
        Map<String, Map<String, Long>> byItem = new TreeMap<>(ProfileLines.ITEM_ORDER);
        for (Record r : members) {
            for (String q : r.answers().fieldNames()) {
                JsonObject a = r.answers().getJsonObject(q);
                String level = String.valueOf(a.getInteger("level"));
                String component = a.getString("component") == null ? "unknown" : a.getString("component");
                byItem.computeIfAbsent(q, x -> new TreeMap<>()).merge(level, 1L, Long::sum);
                byItem.computeIfAbsent(component, x -> new TreeMap<>()).merge(level, 1L, Long::sum);
            }
        }
        return new Group(name, code, members.size(), false, null, ProfileLines.shares(byItem));
    }
}
