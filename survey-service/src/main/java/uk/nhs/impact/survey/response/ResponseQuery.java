package uk.nhs.impact.survey.response;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
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

    /** The responses the caller may see: its own, or all of its trust's when it is the trust's viewer. */
    public Uni<Page<SurveyResponse>> visible(OrgScope scope, ResponseService.Respondent who, String runId, String after, int limit) {
        Keyset from = Keyset.after(after);
        StringBuilder q = new StringBuilder("runId = :run and ");
        Map<String, Object> params = new HashMap<>();
        params.put("run", runId);
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
        return Panache.withSession(() -> runs.find(runId).chain(run -> SurveyResponse.<SurveyResponse>find(q.toString(), params).page(0, limit + 1).list()))
                .map(rows -> Page.byKeyset(rows, limit, SurveyResponse::place));
    }

}
