package uk.nhs.impact.survey.response;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.Keyset;
import uk.nhs.impact.platform.web.Page;
import uk.nhs.impact.survey.run.RunService;

/** Lists of a run's responses, a page at a time in creation order. */
@ApplicationScoped
public class ResponseQuery {
    @Inject
    RunService runs;

    /** Where a response stands: a draft, its first submission, or a later one (an amendment). */
    public enum Stage {
        DRAFT, SUBMITTED, AMENDED
    }

    /**
     * Responses to every run of one survey version: optionally only those at some stages, and only those written
     * ({@code authored}: submitted, or for a draft last saved) from {@code authoredFrom} (inclusive) to {@code authoredTo}
     * (exclusive).
     */
    public record Criteria(String instrumentId, int instrumentVersion, Set<Stage> stages, Instant authoredFrom, Instant authoredTo) {
    }

    /** The responses the caller may see: its own, or all of its trust's when it is the trust's viewer. */
    public Uni<Page<SurveyResponse>> visible(OrgScope scope, ResponseService.Respondent who, String runId, String after, int limit) {
        Keyset from = Keyset.after(after);
        Map<String, Object> params = new HashMap<>();
        params.put("run", runId);
        return Panache.withSession(() -> runs.find(runId).chain(run -> page(scope, who, "runId = :run", params, from, limit)));
    }

    /** The same access rule over every run of a survey version, for searches across runs (the FHIR API). */
    public Uni<Page<SurveyResponse>> visible(OrgScope scope, ResponseService.Respondent who, Criteria c, String after, int limit) {
        Keyset from = Keyset.after(after);
        Map<String, Object> params = new HashMap<>();
        StringBuilder q = new StringBuilder(
                "runId in (select r.id from SurveyRun r where r.instrumentId = :instrument and r.instrumentVersion = :version)");
        params.put("instrument", c.instrumentId());
        params.put("version", c.instrumentVersion());
        if (c.stages() != null && !c.stages().isEmpty()) {
            List<String> any = new ArrayList<>();
            for (Stage s : c.stages()) {
                any.add(switch (s) {
                    case DRAFT -> "status = :draft";
                    case SUBMITTED -> "(status = :submitted and revision = 1)";
                    case AMENDED -> "(status = :submitted and revision > 1)";
                });
            }
            q.append(" and (").append(String.join(" or ", any)).append(")");
            if (c.stages().contains(Stage.DRAFT)) {
                params.put("draft", SurveyResponse.Status.DRAFT);
            }
            if (c.stages().contains(Stage.SUBMITTED) || c.stages().contains(Stage.AMENDED)) {
                params.put("submitted", SurveyResponse.Status.SUBMITTED);
            }
        }
        if (c.authoredFrom() != null || c.authoredTo() != null) {
            String authored = "(case when status = :authoredStatus then submittedAt else updatedAt end)";
            params.put("authoredStatus", SurveyResponse.Status.SUBMITTED);
            if (c.authoredFrom() != null) {
                q.append(" and ").append(authored).append(" >= :authoredFrom");
                params.put("authoredFrom", c.authoredFrom());
            }
            if (c.authoredTo() != null) {
                q.append(" and ").append(authored).append(" < :authoredTo");
                params.put("authoredTo", c.authoredTo());
            }
        }
        return Panache.withSession(() -> page(scope, who, q.toString(), params, from, limit));
    }

    private static Uni<Page<SurveyResponse>> page(OrgScope scope, ResponseService.Respondent who, String condition, Map<String, Object> params,
            Keyset from, int limit) {
        StringBuilder q = new StringBuilder(condition).append(" and ");
        if (scope.has(Roles.VIEWER) && scope.orgCode() != null) {
            q.append("odsCode = :ods");
            params.put("ods", scope.orgCode());
        } else {
            q.append("respondentKey = :key");
            params.put("key", who.key());
        }
        if (from != null) {
            q.append(" and ").append(Keyset.AFTER);
            from.bind(params);
        }
        q.append(Keyset.ORDER);
        return SurveyResponse.<SurveyResponse>find(q.toString(), params).page(0, limit + 1).list()
                .map(rows -> Page.byKeyset(rows, limit, SurveyResponse::place));
    }
}
