package uk.nhs.impact.survey.response;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import uk.nhs.impact.platform.web.Params;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.survey.instrument.SurveyDefinition;
import uk.nhs.impact.survey.run.SurveyRun;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

@Path("/api/v1/survey-runs/{runId}/completeness")
@Tag(name = "Survey runs")
@Produces(MediaType.APPLICATION_JSON)
public class CompletenessResource {
    private final ResponseService responses;
    private final OrganisationHierarchy hierarchy;
    private final uk.nhs.impact.platform.security.OrgScope scope;

    public CompletenessResource(ResponseService responses, OrganisationHierarchy hierarchy, uk.nhs.impact.platform.security.OrgScope scope) {
        this.responses = responses;
        this.hierarchy = hierarchy;
        this.scope = scope;
    }

    /** A share with what it is made of; {@code percentage} is rounded half up to a whole number, as published. */
    public record Figure(long numerator, long denominator, BigDecimal percentage) {
        static Figure of(long numerator, long denominator) {
            BigDecimal pct = denominator == 0 ? null
                    : BigDecimal.valueOf(numerator * 100).divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP);
            return new Figure(numerator, denominator, pct);
        }
    }

    public record QuestionCount(String code, String level, boolean required, Figure answered) {
    }

    public record Completeness(String runId, String referenceDate, long respondents, long trusts, Figure trustCoverage,
                               Map<String, Long> respondentsByRole, List<QuestionCount> questions) {
    }

    @GET
    @RolesAllowed({Roles.INSTRUMENT_ADMIN, Roles.NATIONAL_ANALYST, Roles.REGION_ANALYST, Roles.ICB_OVERSIGHT})
    @Operation(summary = "Respondents, distinct trusts, coverage of all trusts in England at the run's reference date, answers per question",
            description = "Counts submitted responses only (the last submission of each). No individual response is shown.")
    @APIResponse(responseCode = "200", description = "Completeness of the run")
    @APIResponse(responseCode = "403", description = "Not an ICB, regional or national overseer, nor an administrator")
    @APIResponse(responseCode = "404", description = "No such run")
    public Uni<Completeness> completeness(@Pattern(regexp = Params.SLUG) @Size(max = Params.SLUG_MAX) @PathParam("runId") String runId) {
        // an oversight or administrator role counts only where it fits the caller's organisation (an ICB's, a region's,
        // NHS England's)
        if (!scope.holds(Roles.INSTRUMENT_ADMIN) && scope.aggregateArea().isEmpty()) {
            throw ProblemException.forbidden("Run completeness is for ICB, regional and national oversight");
        }
        return Panache.withSession(() -> SurveyRun.<SurveyRun>findById(runId).chain(run -> {
            if (run == null) {
                throw ProblemException.notFound("Survey run " + runId);
            }
            return responses.definition(run).chain(def -> SurveyResponse.<SurveyResponse>list("runId = ?1 and revision > 0", runId)
                    .map(submitted -> build(run, def, submitted)));
        }));
    }

    private Completeness build(SurveyRun run, SurveyDefinition def, List<SurveyResponse> submitted) {
        Set<String> trusts = new HashSet<>();
        Map<String, Long> byRole = new TreeMap<>();
        Map<String, Long> answered = new TreeMap<>();
        for (SurveyResponse r : submitted) {
            hierarchy.find(r.odsCode).filter(o -> o.level() == OrgLevel.TRUST).ifPresent(o -> trusts.add(o.odsCode()));
            byRole.merge(r.respondentRole, 1L, Long::sum);
            responses.answers(r.submittedAnswers).forEach((code, a) -> {
                if (a != null && !a.isEmpty()) {
                    answered.merge(code, 1L, Long::sum);
                }
            });
        }
        long inEngland = hierarchy.all(OrgLevel.TRUST, run.referenceDate).size();
        List<QuestionCount> questions = def.questions().stream().map(q -> new QuestionCount(q.code(), q.level().name(), q.required(),
                Figure.of(answered.getOrDefault(q.code(), 0L), submitted.size()))).toList();
        return new Completeness(run.id, run.referenceDate.toString(), submitted.size(), trusts.size(), Figure.of(trusts.size(), inEngland),
                byRole, questions);
    }
}
