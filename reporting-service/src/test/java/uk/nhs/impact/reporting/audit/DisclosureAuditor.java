package uk.nhs.impact.reporting.audit;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.reporting.assessment.AssessmentDistribution;
import uk.nhs.impact.reporting.assessment.LevelDistribution;
import uk.nhs.impact.reporting.assessment.ProviderPosition;
import uk.nhs.impact.reporting.profile.OrganisationProfile;
import uk.nhs.impact.reporting.survey.SurveyResults;

/**
 * Tries to break the disclosure rules: enumerates every query each caller can make ({@link QueryEnumerator}), explains each
 * published figure from the ground truth ({@link Population}) independently of the implementation, and proves with
 * {@link RowSpaceProver} what the published figures let the caller derive about contributors it may not read one by one.
 * <p>
 * A "family" is one kind of value: a self-assessment question's or component's levels ({@code sa:Q1}, {@code sa:C1}), a survey
 * question's option counts, answered count or free text ({@code survey:S1_progress:options}). Each published cell adds a
 * row (its hidden contributors) to the families it publishes; a family's derivable values are its atoms lighter than k
 * (3 organisations, 10 respondents) whose indicator lies in the row space.
 */
public final class DisclosureAuditor {
    public static final int K_ORGANISATIONS = 3;
    public static final int K_RESPONDENTS = 10;

    private final Population population;
    private final OrganisationHierarchy hierarchy;
    private final QueryEnumerator enumerator;
    private final int concurrency;

    public DisclosureAuditor(Population population, QueryEnumerator enumerator, int concurrency) {
        this.population = population;
        this.hierarchy = population.hierarchy();
        this.enumerator = enumerator;
        this.concurrency = concurrency;
    }

    /** One query's answer: 200 with the view, or the status it failed with. */
    record Outcome(Query query, int status, Object body) {
    }

    /** A view the caller received, with the contributors that explain it and those of them it may not read one by one. */
    public record Cell(Query query, String area, Set<String> contributors, Set<String> hidden, Set<String> publishedFamilies) {
    }

    /** A group of fewer than k contributors whose total in a family follows from the published figures. */
    public record Finding(String caller, String family, Set<String> members, long weight) {
    }

    /** The kind of value a family holds, for the summary: self-assessment levels, survey options, free text, answered counts. */
    public static String kindOf(String family) {
        if (family.startsWith("sa:")) {
            return "self-assessment levels";
        }
        if (family.startsWith("baseline:")) {
            return "baseline yes counts";
        }
        return family.endsWith(":options")
                ? "survey option counts"
                : family.endsWith(":text")
                        ? "survey free text"
                        : family.endsWith(":answered") ? "survey answered counts (item response)" : family;
    }

    public <V> AuditReport audit(ReportPolicy<V> policy, List<Caller> callers) {
        long start = System.nanoTime();
        List<CallerAudit> audits = new ArrayList<>();
        for (Caller caller : callers) {
            audits.add(audit(policy, caller));
        }
        return new AuditReport(policy.name(), audits, Duration.ofNanos(System.nanoTime() - start));
    }

    private <V> CallerAudit audit(ReportPolicy<V> policy, Caller caller) {
        OrgScope scope = new OrgScope(caller.org(), caller.roles(), hierarchy);
        V viewer = policy.viewer(scope);
        CallerAudit audit = new CallerAudit(caller, scope);
        List<Outcome> outcomes = new ArrayList<>(run(policy, viewer, enumerator.probes()));
        List<Query> next = new ArrayList<>(enumerator.positions());
        next.addAll(enumerator.profiles());
        for (Outcome o : outcomes) {
            next.addAll(enumerator.expand(o.query(), o.status() == 200));
        }
        outcomes.addAll(run(policy, viewer, next));
        for (Outcome o : outcomes) {
            audit.queries++;
            switch (o.status()) {
                case 200 -> audit.ok++;
                case 404 -> audit.notFound++;
                case 400 -> audit.invalid++;
                default -> throw new AssertionError(o.query() + " answered " + o.status());
            }
            checkAccess(audit, o);
            if (o.status() != 200) {
                continue;
            }
            switch (o.query().view()) {
                case DISTRIBUTION -> distribution(audit, o.query(), (AssessmentDistribution) o.body());
                case POSITION -> position(audit, o.query(), (ProviderPosition) o.body());
                case SURVEY -> survey(audit, o.query(), (SurveyResults) o.body());
                case PROFILE -> new ProfileAudit(this, population).explain(audit, o.query(), (OrganisationProfile) o.body());
            }
        }
        audit.prove();
        return audit;
    }

    private <V> List<Outcome> run(ReportPolicy<V> policy, V viewer, List<Query> queries) {
        return Multi.createFrom().iterable(queries)
                .onItem().transformToUni(q -> call(policy, viewer, q)).merge(concurrency)
                .collect().asList().await().atMost(Duration.ofMinutes(10));
    }

    private <V> Uni<Outcome> call(ReportPolicy<V> policy, V viewer, Query q) {
        Uni<?> answer = switch (q.view()) {
            case DISTRIBUTION -> policy.distribution(viewer, population.cycle, q.area(), q.orgType(), q.trustType(), q.segment());
            case POSITION -> policy.position(viewer, population.cycle, q.odsCode(), q.peers());
            case SURVEY -> policy.survey(viewer, population.runId, q.area(), q.trustType(), q.segment(), Population.COMBINE);
            case PROFILE -> policy.profile(viewer, q.odsCode(), population.cycle);
        };
        return answer.map(body -> new Outcome(q, 200, body))
                .onFailure(ProblemException.class).recoverWithItem(e -> new Outcome(q, ((ProblemException) e).status(), null))
                .onFailure().transform(e -> new AssertionError(q + " failed: " + e, e));
    }

    // ------------------------------------------------------------------------------------------------------------------
    // The access table: which areas' views a caller may read (report-access.csv, as the brief states it)

    private enum Reach {
        NONE, OWN, WITHIN, ALL
    }

    private Reach reach(OrgScope scope) {
        OrgLevel level = hierarchy.find(scope.orgCode()).map(Organisation::level).orElse(null);
        if (scope.has("national-analyst") && level == OrgLevel.NATIONAL) {
            return Reach.ALL;
        }
        if (scope.has("region-analyst") && level == OrgLevel.REGION || scope.has("icb-oversight") && level == OrgLevel.ICB) {
            return Reach.WITHIN;
        }
        if ((scope.has("viewer") || scope.has("submitter")) && level == OrgLevel.TRUST) {
            return Reach.OWN;
        }
        return Reach.NONE;
    }

    boolean mayReadArea(OrgScope scope, String area) {
        return switch (reach(scope)) {
            case NONE -> false;
            case OWN -> scope.orgCode().equals(area);
            case WITHIN -> scope.orgCode().equals(area) || hierarchy.isWithin(area, scope.orgCode(), Population.AS_OF);
            case ALL -> true;
        };
    }

    boolean readable(OrgScope scope, Population.Assessment a) {
        return scope.mayRead(a.odsCode(), a.sharing(), Population.AS_OF);
    }

    private void checkAccess(CallerAudit audit, Outcome o) {
        Query q = o.query();
        boolean ok = o.status() == 200;
        if (q.view() == Query.View.POSITION) {
            Population.Assessment own = population.assessmentOf(q.odsCode()).orElseThrow();
            if (ok && !(mayReadArea(audit.scope, q.odsCode()) && readable(audit.scope, own))) {
                audit.accessMismatches.add(q + " answered although the caller may not read " + q.odsCode() + "'s assessment");
            }
            return;
        }
        if (q.view() == Query.View.PROFILE) {
            boolean readable = mayReadArea(audit.scope, q.odsCode());
            if (ok != readable) {
                audit.accessMismatches.add(q + " answered " + o.status() + ", the access table says " + (readable ? "200" : "404"));
            }
            return;
        }
        boolean expected = q.area() == null ? reach(audit.scope) != Reach.NONE : mayReadArea(audit.scope, q.area());
        if (ok != expected && o.status() != 400) {
            audit.accessMismatches.add(q + " answered " + o.status() + ", the access table says " + (expected ? "200" : "404"));
        }
    }

    // ------------------------------------------------------------------------------------------------------------------
    // Self-assessment views

    private void distribution(CallerAudit audit, Query q, AssessmentDistribution d) {
        Map<String, LevelDistribution> items = new TreeMap<>();
        d.questions().forEach(i -> items.put(i.code(), i.distribution()));
        d.components().forEach(i -> items.put(i.code(), i.distribution()));
        List<String> areas = new ArrayList<>(List.of(d.area()));
        if (population.levelOf(d.area()) == OrgLevel.DIRECTORATE) {
            areas.add(OrganisationHierarchy.NHS_ENGLAND); // the old rules gave a directorate the national view
        }
        levels(audit, q, d.area(), d.organisations(), items, which -> {
            List<List<Population.Assessment>> sets = new ArrayList<>();
            areas.forEach(area -> sets.add(population.assessments(area, q.orgType(), q.trustType(), q.segment(), which)));
            return sets;
        });
    }

    private void position(CallerAudit audit, Query q, ProviderPosition p) {
        Population.Assessment own = population.assessmentOf(p.odsCode()).orElseThrow();
        if (!readable(audit.scope, own)) {
            audit.violation("own levels of an unreadable organisation", q + ": shows the own levels of " + p.odsCode()
                    + ", which the caller may not read one by one");
        }
        Map<String, LevelDistribution> items = new TreeMap<>();
        p.questions().forEach(i -> items.put(i.code(), i.peerDistribution()));
        p.components().forEach(i -> items.put(i.code(), i.peerDistribution()));
        levels(audit, q, "peers of " + p.odsCode(), p.peers(), items, which -> List.of(population.peers(own, q.peers(), which)));
    }

    /** Candidate contributor sets of a self-assessment figure: which assessments might have counted. */
    private List<Map.Entry<String, Predicate<Population.Assessment>>> candidates(OrgScope scope) {
        Map<String, Predicate<Population.Assessment>> c = new LinkedHashMap<>();
        c.put("counted for the caller", a -> a.inReporting() && (readable(scope, a) || a.sharing() == SharingLevel.NATIONAL));
        c.put("readable one by one", a -> a.inReporting() && readable(scope, a));
        c.put("shared nationally", a -> a.sharing() == SharingLevel.NATIONAL);
        c.put("shared with the region or wider", a -> a.sharing().reaches(SharingLevel.REGION));
        c.put("shared with the ICB or wider", a -> a.sharing().reaches(SharingLevel.ICB));
        c.put("every assessment, private ones included", a -> true);
        return new ArrayList<>(c.entrySet());
    }

    void levels(CallerAudit audit, Query q, String area, long count, Map<String, LevelDistribution> items,
            java.util.function.Function<Predicate<Population.Assessment>, List<List<Population.Assessment>>> select) {
        audit.cells++;
        Set<String> published = new TreeSet<>();
        items.forEach((code, d) -> {
            if (!d.suppressed()) {
                published.add("sa:" + code);
            } else if (!d.levels().isEmpty() || d.median() != null) {
                audit.violation("suppressed figure showing levels", q + ": " + code + " is marked suppressed but shows levels");
            }
        });
        if (published.isEmpty()) {
            return;
        }
        List<Population.Assessment> explained = null;
        String how = null;
        search : for (Map.Entry<String, Predicate<Population.Assessment>> candidate : candidates(audit.scope)) {
            for (List<Population.Assessment> set : select.apply(candidate.getValue())) {
                if (set.size() == count && sameLevels(set, items)) {
                    explained = set;
                    how = candidate.getKey();
                    break search;
                }
            }
        }
        if (explained == null) {
            audit.unexplained.add(q + " (" + count + " organisations): figure not explained by any candidate set");
            return;
        }
        if (how.startsWith("every assessment")) {
            audit.violation("private assessments counted", q + ": counts assessments kept private");
        }
        Set<String> contributors = explained.stream().map(Population.Assessment::odsCode).collect(Collectors.toCollection(TreeSet::new));
        Set<String> hidden = explained.stream().filter(a -> !readable(audit.scope, a)).map(Population.Assessment::odsCode)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!hidden.isEmpty() && hidden.size() < K_ORGANISATIONS) {
            audit.violation("self-assessment levels", q + ": published from " + hidden.size() + " organisation(s) the caller may not read: "
                    + hidden);
        }
        published.forEach(f -> audit.row(f, hidden));
        audit.cellList.add(new Cell(q, area, contributors, hidden, published));
    }

    private boolean sameLevels(List<Population.Assessment> set, Map<String, LevelDistribution> items) {
        for (Map.Entry<String, LevelDistribution> e : items.entrySet()) {
            if (e.getValue().suppressed()) {
                continue;
            }
            Map<Integer, Long> expected = new TreeMap<>();
            for (Population.Assessment a : set) {
                a.levels().forEach((question, level) -> {
                    if (question.equals(e.getKey()) || e.getKey().equals(population.componentOf.get(question))) {
                        expected.merge(level, 1L, Long::sum);
                    }
                });
            }
            Map<Integer, Long> shown = new TreeMap<>();
            for (LevelDistribution.LevelCount l : e.getValue().levels()) {
                if (l.figure().numerator() == null) {
                    return false;
                }
                if (l.figure().numerator() > 0) {
                    shown.put(l.level(), l.figure().numerator());
                }
            }
            if (!expected.equals(shown)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------------------------
    // Survey view: every respondent is hidden

    private void survey(CallerAudit audit, Query q, SurveyResults s) {
        audit.cells++;
        List<String> areas = new ArrayList<>(List.of(s.area()));
        if (population.levelOf(s.area()) == OrgLevel.DIRECTORATE) {
            areas.add(OrganisationHierarchy.NHS_ENGLAND);
        }
        List<Population.Respondent> rs = null;
        for (String area : areas) {
            List<Population.Respondent> candidate = population.respondents(area, q.trustType(), q.segment());
            if (candidate.size() == s.meta().respondents()) {
                rs = candidate;
                break;
            }
        }
        if (rs == null) {
            audit.unexplained.add(q + ": " + s.meta().respondents() + " respondents not explained");
            return;
        }
        Set<String> published = new TreeSet<>();
        Set<String> all = rs.stream().map(Population.Respondent::id).collect(Collectors.toCollection(TreeSet::new));
        for (SurveyResults.Question question : s.questions()) {
            String code = question.code();
            List<Population.Respondent> answering = rs.stream().filter(r -> r.answered(code)).toList();
            Set<String> answerers = answering.stream().map(Population.Respondent::id).collect(Collectors.toCollection(TreeSet::new));
            Map<String, Long> options = new TreeMap<>();
            List<String> texts = new ArrayList<>();
            for (Population.Respondent r : answering) {
                for (String v : Population.valuesOf(r.answers().get(code))) {
                    if (code.equals(Population.S_COMMENTS)) {
                        texts.add(v);
                    } else {
                        options.merge(v, 1L, Long::sum);
                    }
                }
            }
            List<SurveyResults.Option> figures = new ArrayList<>(question.options());
            figures.addAll(question.combined());
            // the answered count: shown as such, or as the denominator of any option figure (suppressed ones included)
            boolean answeredShown = question.answered().numerator() != null
                    || figures.stream().anyMatch(o -> o.figure().denominator() != null && o.figure().denominator() > 0);
            if (answeredShown) {
                boolean consistent = (question.answered().numerator() == null || question.answered().numerator() == answering.size())
                        && figures.stream().allMatch(o -> o.figure().denominator() == null || o.figure().denominator() == 0
                                || o.figure().denominator() == answering.size());
                if (!consistent) {
                    audit.unexplained.add(q + ": " + code + " answered count not explained");
                    continue;
                }
                publish(audit, q, code + ":answered", all, published);
            }
            boolean optionsShown = figures.stream().anyMatch(o -> !o.figure().suppressed() || o.figure().numerator() != null);
            if (optionsShown) {
                for (SurveyResults.Option o : question.options()) {
                    if (o.figure().numerator() != null && o.figure().numerator().longValue() != options.getOrDefault(o.code(), 0L)) {
                        audit.unexplained.add(q + ": " + code + "=" + o.code() + " not explained");
                    }
                }
                Set<String> listed = question.options().stream().map(SurveyResults.Option::code).collect(Collectors.toSet());
                if (!listed.containsAll(options.keySet())) {
                    audit.unexplained.add(q + ": " + code + " leaves out options that were chosen");
                }
                for (SurveyResults.Option o : question.combined()) {
                    List<String> parts = Population.COMBINE.getOrDefault(code, List.of());
                    long sum = parts.stream().mapToLong(p -> options.getOrDefault(p, 0L)).sum();
                    if (o.figure().numerator() != null && o.figure().numerator() != sum) {
                        audit.unexplained.add(q + ": " + code + " combined " + o.code() + " not explained");
                    }
                }
                publish(audit, q, code + ":options", answerers, published);
            }
            if (!question.comments().isEmpty()) {
                List<String> shown = new ArrayList<>(question.comments());
                java.util.Collections.sort(shown);
                java.util.Collections.sort(texts);
                if (!shown.equals(texts)) {
                    audit.unexplained.add(q + ": " + code + " comments not explained");
                }
                publish(audit, q, code + ":text", answerers, published);
            }
        }
        if (!published.isEmpty()) {
            audit.cellList.add(new Cell(q, s.area(), all, all, published));
        }
    }

    void publish(CallerAudit audit, Query q, String family, Set<String> hidden, Set<String> published) {
        if (!hidden.isEmpty() && hidden.size() < K_RESPONDENTS) {
            audit.violation(kindOf("survey:" + family), q + ": " + family + " published from " + hidden.size() + " respondent(s)");
        }
        audit.row("survey:" + family, hidden);
        published.add("survey:" + family);
    }

    // ------------------------------------------------------------------------------------------------------------------

    /** What one caller could query, what it received, and what follows from it. */
    public static final class CallerAudit {
        public final Caller caller;
        final OrgScope scope;
        public int queries;
        public int ok;
        public int notFound;
        public int invalid;
        public int cells;
        public final List<String> unexplained = new ArrayList<>();
        public final List<String> violations = new ArrayList<>();
        public final List<String> accessMismatches = new ArrayList<>();
        public final List<Cell> cellList = new ArrayList<>();
        public final List<Finding> derivable = new ArrayList<>();
        public final List<Finding> smallAtoms = new ArrayList<>();
        private final Map<String, List<Set<String>>> rows = new TreeMap<>();
        private final Map<String, RowSpaceProver> provers = new TreeMap<>();

        CallerAudit(Caller caller, OrgScope scope) {
            this.caller = caller;
            this.scope = scope;
        }

        public final Map<String, Integer> violationsByKind = new TreeMap<>();

        void violation(String kind, String message) {
            violations.add(message);
            violationsByKind.merge(kind, 1, Integer::sum);
        }

        void row(String family, Set<String> hidden) {
            rows.computeIfAbsent(family, k -> new ArrayList<>()).add(hidden);
        }

        void prove() {
            Map<List<Set<String>>, RowSpaceProver> bySignature = new HashMap<>();
            rows.forEach((family, list) -> {
                List<Set<String>> signature = list.stream().filter(r -> !r.isEmpty()).map(r -> (Set<String>) new TreeSet<>(r)).distinct()
                        .sorted(java.util.Comparator.comparing(Object::toString)).toList();
                RowSpaceProver prover = bySignature.computeIfAbsent(signature, s -> new RowSpaceProver(s, Map.of()));
                provers.put(family, prover);
                long k = family.startsWith("sa:") || family.startsWith("baseline:") ? K_ORGANISATIONS : K_RESPONDENTS;
                prover.derivableBelow(k).forEach(a -> derivable.add(new Finding(caller.name(), family, a.members(), a.weight())));
                prover.smallAtoms(k).forEach(a -> smallAtoms.add(new Finding(caller.name(), family, a.members(), a.weight())));
            });
        }

        /** True when the group's total in the family follows from what this caller received. */
        public boolean determines(String family, Collection<String> group) {
            RowSpaceProver p = provers.get(family);
            return p != null && p.determines(group);
        }

        public java.util.Optional<Cell> cell(Query query) {
            return cellList.stream().filter(c -> c.query().equals(query)).findFirst();
        }

        public int hiddenContributors() {
            Set<String> all = new TreeSet<>();
            rows.values().forEach(list -> list.forEach(all::addAll));
            return all.size();
        }

        public int publishedFigures() {
            return rows.values().stream().mapToInt(List::size).sum();
        }

        /** Organisations whose own levels follow (a derivable self-assessment atom of one). */
        public Set<String> determinedOrganisations() {
            return derivable.stream().filter(f -> f.family().startsWith("sa:") && f.members().size() == 1)
                    .map(f -> f.members().iterator().next()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Every caller's audit under one policy. */
    public record AuditReport(String policy, List<CallerAudit> callers, Duration runtime) {
        public CallerAudit caller(String name) {
            return callers.stream().filter(c -> c.caller.name().equals(name)).findFirst().orElseThrow();
        }

        public int queries() {
            return callers.stream().mapToInt(c -> c.queries).sum();
        }

        public int cells() {
            return callers.stream().mapToInt(c -> c.cells).sum();
        }

        public int derivable() {
            return callers.stream().mapToInt(c -> c.derivable.size()).sum();
        }

        public int smallAtoms() {
            return callers.stream().mapToInt(c -> c.smallAtoms.size()).sum();
        }

        public List<String> unexplained() {
            return callers.stream().flatMap(c -> c.unexplained.stream().map(s -> c.caller.name() + ": " + s)).toList();
        }

        public List<String> violations() {
            return callers.stream().flatMap(c -> c.violations.stream().map(s -> c.caller.name() + ": " + s)).toList();
        }

        public List<String> accessMismatches() {
            return callers.stream().flatMap(c -> c.accessMismatches.stream().map(s -> c.caller.name() + ": " + s)).toList();
        }

        public String summary() {
            return String.format(java.util.Locale.ROOT, "SUITE SUMMARY disclosure-auditor: rules=%s callers=%d queries=%d (200: %d, 404: %d, 400: %d) "
                    + "cells audited=%d published figures=%d derivable values=%d small atoms=%d violations=%d unexplained=%d "
                    + "access mismatches=%d runtime=%.1fs",
                    policy, callers.size(), queries(), sum(c -> c.ok), sum(c -> c.notFound), sum(c -> c.invalid), cells(),
                    sum(CallerAudit::publishedFigures), derivable(), smallAtoms(), violations().size(), unexplained().size(),
                    accessMismatches().size(), runtime.toMillis() / 1000.0);
        }

        private int sum(java.util.function.ToIntFunction<CallerAudit> f) {
            return callers.stream().mapToInt(f).sum();
        }

        /** Derivable values and violations per kind of value, over all callers. */
        public String byKind() {
            Map<String, Integer> derivable = new TreeMap<>();
            Map<String, Integer> small = new TreeMap<>();
            Map<String, Integer> violations = new TreeMap<>();
            for (CallerAudit c : callers) {
                c.derivable.forEach(f -> derivable.merge(kindOf(f.family()), 1, Integer::sum));
                c.smallAtoms.forEach(f -> small.merge(kindOf(f.family()), 1, Integer::sum));
                c.violationsByKind.forEach((k, n) -> violations.merge(k, n, Integer::sum));
            }
            return "  by kind of value: derivable " + derivable + "; small atoms " + small + "; violations " + violations + "\n";
        }

        public String table() {
            StringBuilder b = new StringBuilder();
            String format = "%-18s %-38s %7s %6s %6s %5s %6s %8s %7s %9s %6s %10s %6s%n";
            b.append(String.format(java.util.Locale.ROOT, format, "caller", "token", "queries", "200", "404", "400", "cells", "figures",
                    "hidden", "derivable", "small", "violations", "access"));
            for (CallerAudit c : callers) {
                b.append(String.format(java.util.Locale.ROOT, format, c.caller.name(), c.caller.describe(), c.queries, c.ok, c.notFound,
                        c.invalid, c.cells, c.publishedFigures(), c.hiddenContributors(), c.derivable.size(), c.smallAtoms.size(),
                        c.violations.size() + c.unexplained.size(), c.accessMismatches.size()));
            }
            return b.toString();
        }

        /** A few lines per caller on what was found, for the log. */
        public String findings(int perCaller) {
            StringBuilder b = new StringBuilder();
            for (CallerAudit c : callers) {
                List<String> lines = new ArrayList<>();
                if (!c.determinedOrganisations().isEmpty()) {
                    lines.add("organisations whose levels follow: " + c.determinedOrganisations());
                }
                Map<String, List<Finding>> byFamily = c.derivable.stream().collect(Collectors.groupingBy(Finding::family, TreeMap::new,
                        Collectors.toList()));
                byFamily.forEach((family, list) -> lines.add(family + ": " + list.size() + " derivable group(s), e.g. "
                        + list.get(0).members() + " (weight " + list.get(0).weight() + ")"));
                c.violations.forEach(v -> lines.add("violation: " + v));
                c.unexplained.forEach(v -> lines.add("unexplained: " + v));
                c.accessMismatches.forEach(v -> lines.add("access: " + v));
                lines.stream().limit(perCaller).forEach(l -> b.append("  ").append(c.caller.name()).append(": ").append(l).append('\n'));
                if (lines.size() > perCaller) {
                    b.append("  ").append(c.caller.name()).append(": ... ").append(lines.size() - perCaller).append(" more\n");
                }
            }
            return b.toString();
        }
    }
}
