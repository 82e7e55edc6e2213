package uk.nhs.impact.reporting.profile;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.figures.DisclosureConfig;
import uk.nhs.impact.reporting.figures.DisclosureGuard;
import uk.nhs.impact.reporting.figures.Figure;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Availability;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Group;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Line;
import uk.nhs.impact.reporting.query.QueryFamily;
import uk.nhs.impact.reporting.survey.SurveyContributors;

/**
 * The survey part of a profile: the trust's own respondents, suppressed exactly as the survey view of its area is (the
 * same cells, weights and threshold: the own figures are that view's cell), and its peers' respondents, whose cells join
 * the same family after every cell of the survey view. A question's figures are shown only while no group of fewer than
 * 10 respondents (or of those who answered it) follows; free text only for the trust's own, where its figures are shown.
 */
@ApplicationScoped
public class SurveySection {
    static final String KIND = "survey";
    /**
     * Counts per contributor (a trust's respondents with the same attributes), weighed as the survey view's guard weighs them,
     * with the questions in the profile's order, their option counts per contributor and the trust's own free text.
     */
    private record Counts(SurveyContributors weights, Map<String, Map<String, Long>> answered, Map<String, Map<String, Map<String, Long>>> options,
            List<String[]> ownTexts) {
        Map<String, QueryFamily.Unit> units() {
            return weights.units();
        }

        Map<String, Long> respondents() {
            return weights.respondents();
        }
    }

    private final QueryFamily family;
    private final DisclosureConfig disclosure;
    private final PeerGroups peers;

    public SurveySection(QueryFamily family, DisclosureConfig disclosure, PeerGroups peers) {
        this.family = family;
        this.disclosure = disclosure;
        this.peers = peers;
    }

    public Uni<OrganisationProfile.Section> of(SqlClient db, Viewer viewer, Organisation org, String cycle, String period,
            ProfileSources.Source source) {
        if (org.level() != OrgLevel.TRUST) {
            return Uni.createFrom().item(new OrganisationProfile.Section(KIND, period, cycle, source.id(), source.referenceDate(),
                    Availability.NONE, "The survey is answered by trusts' staff.", null, List.of(), null));
        }
        Uni<RowSet<Row>> options = db.preparedQuery("select " + SurveyContributors.UNIT + """
                , q.key, jsonb_typeof(q.value), o.opt, count(*)
                from survey_response sr, jsonb_each(sr.answers) q,
                     lateral (select jsonb_array_elements_text(q.value) as opt where jsonb_typeof(q.value) = 'array'
                              union all select q.value #>> '{}' where jsonb_typeof(q.value) in ('string', 'number', 'boolean')) o
                where sr.run_id = $1 group by 1, 2, 3, 4, 5, 6, 7""").execute(Tuple.of(source.id()));
        Uni<RowSet<Row>> texts = db.preparedQuery("""
                select q.key, coalesce(q.value ->> 'text', q.value #>> '{}'), jsonb_typeof(q.value)
                from survey_response sr, jsonb_each(sr.answers) q
                where sr.run_id = $1 and sr.ods_code = $2 and jsonb_typeof(q.value) in ('object', 'string')""")
                .execute(Tuple.of(source.id(), org.odsCode()));
        return Uni.combine().all().unis(SurveyContributors.read(db, family, source.id(), source.referenceDate()), options, texts).asTuple()
                .map(t -> section(viewer, org, cycle, period, source, counts(t.getItem1(), t.getItem2(), t.getItem3())));
    }

    private static Counts counts(SurveyContributors weights, RowSet<Row> options, RowSet<Row> texts) {
        Counts c = new Counts(weights, new TreeMap<>(ProfileLines.ITEM_ORDER), new TreeMap<>(ProfileLines.ITEM_ORDER), new ArrayList<>());
        c.answered().putAll(weights.answered());
        for (Row r : options) {
            String value = r.getString(6);
            if (value != null && ("array".equals(r.getString(5)) || value.matches(SurveyContributors.CODE))) {
                c.options().computeIfAbsent(r.getString(4), k -> new HashMap<>()).computeIfAbsent(SurveyContributors.unitId(r), k -> new TreeMap<>())
                        .merge(value, r.getLong(7), Long::sum);
            }
        }
        for (Row r : texts) {
            String text = r.getString(1);
            if (text != null && !text.isEmpty() && ("object".equals(r.getString(2)) || !text.matches(SurveyContributors.CODE))) {
                c.ownTexts().add(new String[]{r.getString(0), text});
            }
        }
        return c;
    }

    private OrganisationProfile.Section section(Viewer viewer, Organisation org, String cycle, String period, ProfileSources.Source source,
            Counts c) {
        LocalDate asOf = source.referenceDate();
        int k = disclosure.minSurveyRespondents();
        List<DisclosureGuard.Cell> existing = c.weights().cells(family, viewer, asOf);
        java.util.Collection<PeerGroup> reachable = peers.reachable(viewer, asOf);
        DisclosureGuard.Plan everyone = PeerGroup.plan(existing, reachable, c.units(), c.respondents(), k);
        Map<String, DisclosureGuard.Plan> byQuestion = new HashMap<>();
        c.answered().forEach((q, weight) -> byQuestion.put(q, PeerGroup.plan(existing, reachable, c.units(), weight, k)));

        List<Group> groups = new ArrayList<>();
        String ownKey = QueryFamily.key(org.odsCode(), null, null, null);
        Group own = group("own", org.odsCode(), ownKey, c, u -> u.odsCode().equals(org.odsCode()), everyone, byQuestion);
        if (own.contributors() > 0) {
            groups.add(own);
        }
        for (PeerGroup g : peers.of(org, asOf)) {
            groups.add(group(g.scope(), g.code(), g.key(), c, u -> g.includes(u.orgType(), u.trustType(), u.regionCode()), everyone, byQuestion));
        }
        // free text only where the question's figures are shown, as in the survey view
        Set<String> shown = new java.util.HashSet<>();
        own.lines().stream().filter(l -> !l.figure().suppressed()).forEach(l -> shown.add(l.item()));
        List<String> comments = c.ownTexts().stream().filter(t -> shown.contains(t[0])).map(t -> t[1]).sorted().toList();
        return new OrganisationProfile.Section(KIND, period, cycle, source.id(), asOf, own.contributors() > 0 ? Availability.AVAILABLE : Availability.NONE,
                own.contributors() > 0 ? null : "No respondents of this organisation in run " + source.id() + ".", null, groups, comments);
    }

    /** Per question: how many answered of the group's respondents, and each option's share of those who answered. */
    private static Group group(String name, String code, String key, Counts c, Predicate<QueryFamily.Unit> in, DisclosureGuard.Plan everyone,
            Map<String, DisclosureGuard.Plan> byQuestion) {
        long respondents = c.units().entrySet().stream().filter(e -> in.test(e.getValue())).mapToLong(e -> c.respondents().get(e.getKey())).sum();
        String cellReason = everyone.reason(key, "respondents");
        if (cellReason != null) {
            return new Group(name, code, respondents, true, cellReason, List.of());
        }
        List<Line> lines = new ArrayList<>();
        c.answered().forEach((q, weight) -> {
            long n = weight.entrySet().stream().filter(e -> in.test(c.units().get(e.getKey()))).mapToLong(Map.Entry::getValue).sum();
            if (n == 0) {
                return;
            }
            String reason = byQuestion.get(q).reason(key, "respondents who answered");
            if (reason != null) {
                lines.add(new Line(q, "answered", Figure.suppressed(null, reason)));
                return;
            }
            lines.add(new Line(q, "answered", Figure.of(n, respondents)));
            Map<String, Long> options = new TreeMap<>();
            c.options().getOrDefault(q, Map.of()).forEach((unit, counts) -> {
                if (in.test(c.units().get(unit))) {
                    counts.forEach((option, count) -> options.merge(option, count, Long::sum));
                }
            });
            options.forEach((option, count) -> lines.add(new Line(q, option, Figure.of(count, n))));
        });
        return new Group(name, code, respondents, false, null, lines);
    }
}
