package uk.nhs.impact.reporting.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import uk.nhs.impact.reporting.assessment.LevelDistribution;
import uk.nhs.impact.reporting.figures.Figure;
import uk.nhs.impact.reporting.profile.OrganisationProfile;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Group;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Line;
import uk.nhs.impact.reporting.profile.OrganisationProfile.Section;

/**
 * Explains an organisation profile's figures from the ground truth and adds them to the caller's families, so that the
 * proof covers them together with every other view: the self-assessment groups (own, region, national) as level
 * distributions, the survey groups as answered counts, option counts and free text, the baseline groups as yes counts per
 * question. Sections of other collections, runs and cycles than the population's hold other tests' data, which the
 * population does not describe: they are not audited here.
 */
final class ProfileAudit {
    private final DisclosureAuditor auditor;
    private final Population population;

    ProfileAudit(DisclosureAuditor auditor, Population population) {
        this.auditor = auditor;
        this.population = population;
    }

    void explain(DisclosureAuditor.CallerAudit audit, Query q, OrganisationProfile p) {
        for (Section s : p.sections()) {
            for (Group g : s.groups()) {
                if (g.suppressed() && !g.lines().isEmpty()) {
                    audit.violation("suppressed figure showing levels", q + ": " + s.kind() + " group " + g.code() + " is suppressed but shows figures");
                }
            }
            if (s.kind().equals("self-assessment") && population.cycle.equals(s.cycle())) {
                assessment(audit, q, p, s);
            } else if (s.kind().equals("survey") && population.runId.equals(s.source())) {
                survey(audit, q, p, s);
            } else if (s.kind().equals("baseline") && population.baselineCollection.equals(s.source())) {
                baseline(audit, q, p, s);
            }
        }
    }

    private static String areaOf(String groupCode) {
        return groupCode.substring(0, groupCode.indexOf(':'));
    }

    private void assessment(DisclosureAuditor.CallerAudit audit, Query q, OrganisationProfile p, Section s) {
        for (Group g : s.groups()) {
            if (g.suppressed() || g.lines().isEmpty()) {
                continue;
            }
            Map<String, Map<Integer, Long>> counts = new TreeMap<>();
            for (Line l : g.lines()) {
                counts.computeIfAbsent(l.item(), k -> new TreeMap<>()).put(Integer.parseInt(l.option()), l.figure().numerator());
            }
            Map<String, LevelDistribution> items = new TreeMap<>();
            counts.forEach((item, c) -> items.put(item, LevelDistribution.of(c)));
            Function<Predicate<Population.Assessment>, List<List<Population.Assessment>>> select = which -> g.group().equals("own")
                    ? List.of(population.assessmentOf(p.odsCode()).filter(which).stream().toList())
                    : List.of(population.assessments(areaOf(g.code()), p.orgType(), p.trustType(), null, which));
            auditor.levels(audit, q, "profile " + p.odsCode() + " " + g.code(), g.contributors(), items, select);
        }
    }

    /**
     * Each group's yes counts per question, explained by the returns of the group (the organisation's own, or those of its kind
     * in the region or nationally); the returns the caller may not read one by one are its hidden contributors.
     */
    private void baseline(DisclosureAuditor.CallerAudit audit, Query q, OrganisationProfile p, Section s) {
        for (Group g : s.groups()) {
            if (g.suppressed() || g.lines().isEmpty()) {
                continue;
            }
            List<Population.BaselineReturn> members = g.group().equals("own")
                    ? population.baselineReturns.stream().filter(r -> r.odsCode().equals(p.odsCode())).toList()
                    : population.baselineReturns(areaOf(g.code()), p.orgType(), p.trustType());
            if (members.size() != g.contributors()) {
                audit.unexplained.add(q + ": baseline group " + g.code() + " of " + g.contributors() + " returns not explained");
                continue;
            }
            audit.cells++;
            Set<String> hidden = members.stream().map(Population.BaselineReturn::odsCode).filter(ods -> !auditor.mayReadArea(audit.scope, ods))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!hidden.isEmpty() && hidden.size() < DisclosureAuditor.K_ORGANISATIONS) {
                audit.violation("baseline yes counts", q + ": baseline group " + g.code() + " published from " + hidden.size()
                        + " return(s) the caller may not read: " + hidden);
            }
            for (Line l : g.lines()) {
                List<Boolean> answers = members.stream().map(r -> r.answers().get(l.item())).filter(java.util.Objects::nonNull).toList();
                long yes = answers.stream().filter(Boolean::booleanValue).count();
                if (!l.option().equals("yes") || l.figure().numerator() == null || l.figure().numerator() != yes
                        || l.figure().denominator() != answers.size()) {
                    audit.unexplained.add(q + ": baseline " + g.code() + " " + l.item() + " not explained");
                }
                audit.row("baseline:" + l.item(), hidden);
            }
        }
    }

    private void survey(DisclosureAuditor.CallerAudit audit, Query q, OrganisationProfile p, Section s) {
        for (Group g : s.groups()) {
            if (g.suppressed() || g.lines().isEmpty()) {
                continue;
            }
            boolean own = g.group().equals("own");
            List<Population.Respondent> rs = own
                    ? population.respondents(p.odsCode(), null, null)
                    : population.respondents(areaOf(g.code()), p.trustType(), null);
            if (rs.size() != g.contributors()) {
                audit.unexplained.add(q + ": survey group " + g.code() + " of " + g.contributors() + " respondents not explained");
                continue;
            }
            audit.cells++;
            Set<String> all = ids(rs);
            Set<String> published = new TreeSet<>();
            Map<String, List<Line>> byQuestion = new LinkedHashMap<>();
            g.lines().forEach(l -> byQuestion.computeIfAbsent(l.item(), k -> new ArrayList<>()).add(l));
            byQuestion.forEach((code, lines) -> question(audit, q, rs, all, code, lines, published));
            if (own && s.comments() != null && !s.comments().isEmpty()) {
                List<Population.Respondent> commenting = rs.stream().filter(r -> r.answered(Population.S_COMMENTS)).toList();
                List<String> texts = commenting.stream().flatMap(r -> Population.valuesOf(r.answers().get(Population.S_COMMENTS)).stream()).sorted()
                        .toList();
                if (!texts.equals(s.comments().stream().sorted().toList())) {
                    audit.unexplained.add(q + ": survey comments not explained");
                }
                auditor.publish(audit, q, Population.S_COMMENTS + ":text", ids(commenting), published);
            }
        }
    }

    private void question(DisclosureAuditor.CallerAudit audit, Query q, List<Population.Respondent> rs, Set<String> all, String code, List<Line> lines,
            Set<String> published) {
        List<Population.Respondent> answering = rs.stream().filter(r -> r.answered(code)).toList();
        Map<String, Long> options = new TreeMap<>();
        if (!code.equals(Population.S_COMMENTS)) {
            answering.forEach(r -> Population.valuesOf(r.answers().get(code)).forEach(v -> options.merge(v, 1L, Long::sum)));
        }
        boolean optionsShown = false;
        Set<String> listed = new TreeSet<>();
        for (Line l : lines) {
            Figure f = l.figure();
            if (f.numerator() == null) {
                continue;
            }
            if (l.option().equals("answered")) {
                if (f.numerator() != answering.size() || f.denominator() != rs.size()) {
                    audit.unexplained.add(q + ": " + code + " answered count not explained");
                }
                auditor.publish(audit, q, code + ":answered", all, published);
            } else {
                optionsShown = true;
                listed.add(l.option());
                if (f.numerator().longValue() != options.getOrDefault(l.option(), 0L) || f.denominator() != answering.size()) {
                    audit.unexplained.add(q + ": " + code + "=" + l.option() + " not explained");
                }
            }
        }
        if (optionsShown) {
            if (!listed.containsAll(options.keySet())) {
                audit.unexplained.add(q + ": " + code + " leaves out options that were chosen");
            }
            auditor.publish(audit, q, code + ":options", ids(answering), published);
        }
    }

    private static Set<String> ids(List<Population.Respondent> rs) {
        return rs.stream().map(Population.Respondent::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
