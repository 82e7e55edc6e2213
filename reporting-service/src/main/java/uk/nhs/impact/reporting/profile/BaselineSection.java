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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.figures.DisclosureConfig;
import uk.nhs.impact.reporting.figures.DisclosureGuard;
import uk.nhs.impact.reporting.figures.Figure;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Availability;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Group;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Line;
import uk.nhs.impact.reporting.query.QueryFamily;

/**
 * The baseline part of a profile: the organisation's answers as filed (collected data) and, per yes/no question, the share
 * answering yes among its peers. A baseline return is readable one by one by whoever may read its organisation's area; a
 * peer group holding returns the viewer may not read that way (another ICB's trusts, for a trust or an ICB) passes the
 * disclosure guard with the organisations threshold, so that no such return follows from a peer figure.
 */
@ApplicationScoped
public class BaselineSection {
    static final String KIND = "baseline";

    private record Return(QueryFamily.Unit unit, JsonObject answers) {
    }

    @Inject
    ReportAccessTable access;
    @Inject
    DisclosureConfig disclosure;
    @Inject
    PeerGroups peers;

    public Uni<OrganisationProfile.Section> of(SqlClient db, Viewer viewer, Organisation org, String cycle, String period,
            ProfileSources.Source source) {
        return db.preparedQuery("""
                select ods_code, org_type, trust_type, icb_code, region_code, answers::text from baseline_return where collection_id = $1""")
                .execute(Tuple.of(source.id())).map(rows -> {
                    List<Return> returns = new ArrayList<>();
                    for (Row r : rows) {
                        returns.add(new Return(new QueryFamily.Unit(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                                r.getString(4), Set.of()), new JsonObject(r.getString(5))));
                    }
                    return section(viewer, org, cycle, period, source, returns);
                });
    }

    private OrganisationProfile.Section section(Viewer viewer, Organisation org, String cycle, String period, ProfileSources.Source source,
            List<Return> returns) {
        LocalDate asOf = source.referenceDate();
        Map<String, QueryFamily.Unit> hidden = new LinkedHashMap<>();
        Map<String, Long> weight = new HashMap<>();
        Return own = null;
        for (Return r : returns) {
            String ods = r.unit().odsCode();
            own = ods.equals(org.odsCode()) ? r : own;
            if (!access.mayRead(viewer, ods, asOf)) {
                hidden.put(ods, r.unit());
                weight.put(ods, 1L);
            }
        }
        DisclosureGuard.Plan plan = PeerGroup.plan(List.of(), peers.reachable(viewer, asOf), hidden, weight,
                disclosure.minSelfAssessmentOrganisations());
        List<Group> groups = new ArrayList<>();
        if (own != null) {
            groups.add(group("own", org.odsCode(), List.of(own), null));
        }
        for (PeerGroup g : peers.of(org, asOf)) {
            List<Return> members = returns.stream().filter(r -> g.includes(r.unit().orgType(), r.unit().trustType(), r.unit().regionCode()))
                    .toList();
            groups.add(group(g.scope(), g.code(), members, plan.reason(g.key(), "organisations")));
        }
        Map<String, Object> answers = own == null ? null : new TreeMap<>(ProfileLines.ITEM_ORDER);
        if (own != null) {
            answers.putAll(own.answers().getMap());
        }
        return new OrganisationProfile.Section(KIND, period, cycle, source.id(), asOf, own != null ? Availability.AVAILABLE : Availability.NONE,
                own != null ? null : "No baseline return of this organisation in collection " + source.id() + ".", answers, groups, null);
    }

    /** Per yes/no question, how many of the group answered yes of those who answered it. */
    private static Group group(String name, String code, List<Return> members, String reason) {
        if (reason != null) {
            return new Group(name, code, members.size(), true, reason, List.of());
        }
        Map<String, long[]> byQuestion = new TreeMap<>(ProfileLines.ITEM_ORDER);
        for (Return r : members) {
            for (String q : r.answers().fieldNames()) {
                if (r.answers().getValue(q) instanceof Boolean yes) {
                    long[] c = byQuestion.computeIfAbsent(q, x -> new long[2]);
                    c[0] += yes ? 1 : 0;
                    c[1]++;
                }
            }
        }
        List<Line> lines = new ArrayList<>();
        byQuestion.forEach((q, c) -> lines.add(new Line(q, "yes", Figure.of(c[0], c[1]))));
        return new Group(name, code, members.size(), false, null, lines);
    }
}
