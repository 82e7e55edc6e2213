package uk.nhs.impact.survey.response;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.survey.instrument.SurveyDefinition;
import uk.nhs.impact.survey.run.RunService;
import uk.nhs.impact.survey.run.SurveyRun;

/** Completeness of a run from its submitted responses (the last submission of each); no individual response is shown. */
@ApplicationScoped
public class CompletenessService {
    @Inject
    RunService runs;
    @Inject
    AnswersJson stored;
    @Inject
    OrganisationHierarchy hierarchy;

    public Uni<Completeness> of(OrgScope scope, String runId) {
        // an oversight or administrator role counts only where it fits the caller's organisation (an ICB's, a region's,
        // NHS England's)
        if (!scope.holds(Roles.INSTRUMENT_ADMIN) && scope.aggregateArea().isEmpty()) {
            throw ProblemException.forbidden("Run completeness is for ICB, regional and national oversight");
        }
        return Panache.withSession(() -> runs.find(runId).chain(run -> runs.definition(run)
                .chain(def -> SurveyResponse.<SurveyResponse>list("runId = ?1 and revision > 0", runId).map(submitted -> build(run, def, submitted)))));
    }

    private Completeness build(SurveyRun run, SurveyDefinition def, List<SurveyResponse> submitted) {
        Set<String> trusts = new HashSet<>();
        Map<String, Long> byRole = new TreeMap<>();
        Map<String, Long> answered = new TreeMap<>();
        for (SurveyResponse r : submitted) {
            hierarchy.find(r.odsCode).filter(o -> o.level() == OrgLevel.TRUST).ifPresent(o -> trusts.add(o.odsCode()));
            byRole.merge(r.respondentRole, 1L, Long::sum);
            stored.read(r.submittedAnswers).forEach((code, a) -> {
                if (a != null && !a.isEmpty()) {
                    answered.merge(code, 1L, Long::sum);
                }
            });
        }
        long inEngland = hierarchy.all(OrgLevel.TRUST, run.referenceDate).size();
        List<Completeness.QuestionCount> questions = def.questions().stream().map(q -> new Completeness.QuestionCount(q.code(),
                q.level().name(), q.required(), Completeness.Figure.of(answered.getOrDefault(q.code(), 0L), submitted.size()))).toList();
        return new Completeness(run.id, run.referenceDate.toString(), submitted.size(), trusts.size(),
                Completeness.Figure.of(trusts.size(), inEngland), byRole, questions);
    }
}
