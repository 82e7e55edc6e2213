package uk.nhs.impact.reporting.audit;

import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.reporting.assessment.AssessmentDistribution;
import uk.nhs.impact.reporting.assessment.LevelDistribution;
import uk.nhs.impact.reporting.assessment.ProviderPosition;
import uk.nhs.impact.reporting.figures.Figure;
import uk.nhs.impact.reporting.profile.OrganisationProfile;
import uk.nhs.impact.reporting.survey.SurveyResults;

/**
 * A test fixture: the reporting rules as they stood before the access and disclosure rewrite (commit d89eb74:
 * ReportAccess, AssessmentReports, PositionReports, SurveyReports), re-implemented in memory over the population, so that
 * the auditor can be shown to find what those rules leaked.
 * <ul>
 *   <li>Access: the area asked for (else the caller's aggregate area, else its own organisation) when it is the caller's
 *   own organisation and it holds viewer, submitter or icb-oversight (so a region's staff read their region's view, and a
 *   directorate's read a national one), or when it lies within the caller's aggregate area.</li>
 *   <li>Which self-assessments count follows the <em>area's</em> level: national and directorate views NATIONAL, region
 *   views REGION or wider, ICB and provider views ICB or wider. Suppressed only below region, under 3 organisations.</li>
 *   <li>Positions: for the organisation itself or whoever may read its assessment; peers counted by the peer group's
 *   level (trust type: NATIONAL, ICB: ICB, region: REGION); the peer side suppressed under 3 peers.</li>
 *   <li>Survey: never suppressed at national level; below, a figure is suppressed when fewer than 10 answered the
 *   question; free text only at national level.</li>
 * </ul>
 */
public final class LegacyRulesPolicy implements ReportPolicy<OrgScope> {
    private static final String CODE = "^[A-Za-z0-9_.:-]{1,64}$";
    private static final int MIN_ORGANISATIONS = 3;
    private static final int MIN_RESPONDENTS = 10;

    private final Population population;
    private final OrganisationHierarchy hierarchy;

    public LegacyRulesPolicy(Population population) {
        this.population = population;
        this.hierarchy = population.hierarchy();
    }

    @Override
    public String name() {
        return "legacy-rules";
    }

    @Override
    public OrgScope viewer(OrgScope scope) {
        return scope;
    }

    private record Area(String code, OrgLevel level, SharingLevel audience) {
        boolean belowRegion() {
            return level == OrgLevel.ICB || level == OrgLevel.TRUST;
        }
    }

    private Area require(OrgScope scope, String requested) {
        String code = requested == null || requested.isBlank()
                ? scope.aggregateArea().orElseGet(scope::orgCode)
                : requested.trim().toUpperCase(Locale.ROOT);
        Organisation org = hierarchy.find(code).orElseThrow(() -> ProblemException.notFound("Area " + code));
        boolean own = scope.isOwn(code) && (scope.has(Roles.VIEWER) || scope.has(Roles.SUBMITTER) || scope.has(Roles.ICB_OVERSIGHT));
        if (!own && !scope.mayReadAggregatesOf(code, Population.AS_OF)) {
            throw ProblemException.notFound("Area " + code);
        }
        SharingLevel audience = switch (org.level()) {
            case NATIONAL, DIRECTORATE -> SharingLevel.NATIONAL;
            case REGION -> SharingLevel.REGION;
            case ICB, TRUST -> SharingLevel.ICB;
        };
        return new Area(org.odsCode(), org.level(), audience);
    }

    /** The old Segmentation: a directorate's view had no area condition at all. */
    private String sqlArea(Area area) {
        return area.level() == OrgLevel.DIRECTORATE ? "X24" : area.code();
    }

    @Override
    public Uni<AssessmentDistribution> distribution(OrgScope scope, String cycle, String area, String orgType, String trustType, String segment) {
        return answer(() -> {
            Area a = require(scope, area);
            List<Population.Assessment> counted = population.assessments(sqlArea(a), orgType, trustType, segment,
                    r -> r.inReporting() && r.sharing().reaches(a.audience()));
            Map<String, Map<Integer, Long>> byQuestion = new TreeMap<>();
            Map<String, Map<Integer, Long>> byComponent = new TreeMap<>();
            for (Population.Assessment r : counted) {
                r.levels().forEach((q, level) -> {
                    byQuestion.computeIfAbsent(q, k -> new TreeMap<>()).merge(level, 1L, Long::sum);
                    byComponent.computeIfAbsent(population.componentOf.get(q), k -> new TreeMap<>()).merge(level, 1L, Long::sum);
                });
            }
            boolean suppress = a.belowRegion() && counted.size() < MIN_ORGANISATIONS;
            String reason = "fewer than " + MIN_ORGANISATIONS + " organisations share at this level";
            List<AssessmentDistribution.Item> components = new ArrayList<>();
            byComponent.forEach((c, counts) -> components.add(new AssessmentDistribution.Item(c, c, levels(counts, suppress, reason))));
            List<AssessmentDistribution.Item> questions = new ArrayList<>();
            byQuestion.forEach((q, counts) -> questions.add(new AssessmentDistribution.Item(q, population.componentOf.get(q),
                    levels(counts, suppress, reason))));
            return new AssessmentDistribution(cycle, a.code(), a.audience().name(), counted.size(), components, questions);
        });
    }

    @Override
    public Uni<ProviderPosition> position(OrgScope scope, String cycle, String odsCode, String peers) {
        return answer(() -> {
            String group = peers == null ? "trust_type" : peers.toLowerCase(Locale.ROOT);
            SharingLevel audience = switch (group) {
                case "trust_type" -> SharingLevel.NATIONAL;
                case "icb" -> SharingLevel.ICB;
                case "region" -> SharingLevel.REGION;
                default -> throw ProblemException.validation("peers", "must be trust_type, icb or region");
            };
            Population.Assessment own = population.assessmentOf(odsCode).filter(Population.Assessment::inReporting)
                    .orElseThrow(() -> ProblemException.notFound("A submitted self-assessment of " + odsCode));
            boolean itself = scope.isOwn(odsCode) && (scope.has(Roles.VIEWER) || scope.has(Roles.SUBMITTER));
            if (!itself && !scope.mayRead(odsCode, own.sharing(), Population.AS_OF)) {
                throw ProblemException.notFound("A submitted self-assessment of " + odsCode);
            }
            String groupCode = switch (group) {
                case "trust_type" -> own.trustType();
                case "icb" -> own.icbCode();
                default -> own.regionCode();
            };
            if (groupCode == null) {
                throw ProblemException.validation("peers", odsCode + " has no " + group + " to compare with");
            }
            List<Population.Assessment> peerRecords = population.peers(own, group, r -> r.inReporting() && r.sharing().reaches(audience));
            boolean suppress = peerRecords.size() < MIN_ORGANISATIONS;
            String reason = suppress ? "fewer than " + MIN_ORGANISATIONS + " peers share at this level" : null;
            Map<String, Map<Integer, Long>> peerByQuestion = new TreeMap<>();
            for (Population.Assessment r : peerRecords) {
                r.levels().forEach((q, level) -> peerByQuestion.computeIfAbsent(q, k -> new TreeMap<>()).merge(level, 1L, Long::sum));
            }
            List<ProviderPosition.Item> questions = new ArrayList<>();
            Map<String, Map<Integer, Long>> peerByComponent = new TreeMap<>();
            Map<String, Map<Integer, Long>> ownByComponent = new TreeMap<>();
            own.levels().forEach((q, level) -> {
                String component = population.componentOf.get(q);
                Map<Integer, Long> counts = peerByQuestion.getOrDefault(q, Map.of());
                counts.forEach((l, c) -> peerByComponent.computeIfAbsent(component, k -> new TreeMap<>()).merge(l, c, Long::sum));
                ownByComponent.computeIfAbsent(component, k -> new TreeMap<>()).merge(level, 1L, Long::sum);
                questions.add(item(q, component, BigDecimal.valueOf(level), counts, suppress, reason));
            });
            List<ProviderPosition.Item> components = new ArrayList<>();
            ownByComponent.forEach((c, counts) -> components.add(item(c, c, LevelDistribution.of(counts).median(),
                    peerByComponent.getOrDefault(c, Map.of()), suppress, reason)));
            return new ProviderPosition(cycle, odsCode, group, groupCode, audience.name(), peerRecords.size(), suppress, reason,
                    components, questions);
        });
    }

    /** The old rules had no organisation profile. */
    @Override
    public Uni<OrganisationProfile> profile(OrgScope scope, String odsCode, String cycle) {
        return Uni.createFrom().failure(ProblemException.notFound("Report"));
    }

    @Override
    public Uni<SurveyResults> survey(OrgScope scope, String runId, String area, String trustType, String segment,
            Map<String, List<String>> combine) {
        return answer(() -> {
            Area a = require(scope, area);
            boolean national = a.level() == OrgLevel.NATIONAL;
            List<Population.Respondent> rs = population.respondents(sqlArea(a), trustType, segment);
            Map<String, Long> answered = new TreeMap<>();
            Map<String, Map<String, Long>> counts = new TreeMap<>();
            Map<String, String> kinds = new TreeMap<>();
            Map<String, List<String>> comments = new TreeMap<>();
            for (Population.Respondent r : rs) {
                r.answers().forEach((q, value) -> {
                    answered.merge(q, 1L, Long::sum);
                    boolean multi = value instanceof List<?>;
                    for (String v : Population.valuesOf(value)) {
                        if (q.equals(Population.S_COMMENTS) || !multi && !v.matches(CODE)) {
                            comments.computeIfAbsent(q, k -> new ArrayList<>()).add(v);
                            kinds.putIfAbsent(q, "free_text");
                            continue;
                        }
                        kinds.put(q, multi ? "multi_choice" : "single_choice");
                        counts.computeIfAbsent(q, k -> new TreeMap<>()).merge(v, 1L, Long::sum);
                    }
                });
            }
            List<SurveyResults.Question> questions = new ArrayList<>();
            for (String q : kinds.keySet()) {
                long n = answered.getOrDefault(q, 0L);
                List<SurveyResults.Option> options = new ArrayList<>();
                counts.getOrDefault(q, Map.of()).forEach((o, c) -> options.add(new SurveyResults.Option(o, figure(c, n, national))));
                List<SurveyResults.Option> combined = new ArrayList<>();
                if (combine.containsKey(q)) {
                    long sum = combine.get(q).stream().mapToLong(o -> counts.getOrDefault(q, Map.of()).getOrDefault(o, 0L)).sum();
                    combined.add(new SurveyResults.Option(String.join("_or_", combine.get(q)), figure(sum, n, national)));
                }
                List<String> text = national ? comments.getOrDefault(q, List.of()) : List.of();
                questions.add(new SurveyResults.Question(q, kinds.get(q), Figure.of(n, rs.size()), options, combined, text));
            }
            Set<String> trusts = new LinkedHashSet<>();
            rs.forEach(r -> trusts.add(r.odsCode()));
            long inArea = switch (a.level()) {
                case NATIONAL, DIRECTORATE -> hierarchy.all(OrgLevel.TRUST, Population.AS_OF).size();
                case REGION -> hierarchy.trustsOfRegion(a.code(), Population.AS_OF).size();
                case ICB -> hierarchy.trustsOfIcb(a.code(), Population.AS_OF).size();
                case TRUST -> 1;
            };
            Figure coverage = inArea == 0 ? Figure.of(0, 0) : Figure.of(Math.min(trusts.size(), inArea), inArea);
            return new SurveyResults(runId, a.code(), Population.AS_OF, "respondents",
                    new SurveyResults.Meta(rs.size(), trusts.size(), coverage), questions);
        });
    }

    private static Figure figure(long count, long denominator, boolean national) {
        if (!national && denominator < MIN_RESPONDENTS) {
            return Figure.suppressed(denominator, "fewer than " + MIN_RESPONDENTS + " respondents below national level");
        }
        return Figure.of(count, denominator);
    }

    private static LevelDistribution levels(Map<Integer, Long> counts, boolean suppress, String reason) {
        return LevelDistribution.of(counts, suppress ? reason : null);
    }

    private static ProviderPosition.Item item(String code, String component, BigDecimal own, Map<Integer, Long> peerCounts,
            boolean suppress, String reason) {
        if (suppress) {
            return new ProviderPosition.Item(code, component, own,
                    LevelDistribution.suppressed(peerCounts.values().stream().mapToLong(Long::longValue).sum(), reason), null);
        }
        LevelDistribution d = LevelDistribution.of(peerCounts);
        return new ProviderPosition.Item(code, component, own, d, ProviderPosition.Position.of(own, d.median()));
    }

    private static <T> Uni<T> answer(Supplier<T> body) {
        return Uni.createFrom().item(body);
    }
}
