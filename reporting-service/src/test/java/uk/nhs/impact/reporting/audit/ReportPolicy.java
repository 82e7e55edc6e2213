package uk.nhs.impact.reporting.audit;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.reporting.assessment.AssessmentDistribution;
import uk.nhs.impact.reporting.assessment.ProviderPosition;
import uk.nhs.impact.reporting.profile.OrganisationProfile;
import uk.nhs.impact.reporting.survey.SurveyResults;

/**
 * The report views as a caller reaches them: the live API, or the rules as they stood before (a fixture). A view the caller
 * may not see fails with a {@link uk.nhs.impact.platform.problem.ProblemException} of status 404; a query the API rejects,
 * with 400.
 *
 * @param <V> the caller as the policy knows it
 */
public interface ReportPolicy<V> {
    String name();

    V viewer(OrgScope scope);

    Uni<AssessmentDistribution> distribution(V viewer, String cycle, String area, String orgType, String trustType, String segment);

    Uni<ProviderPosition> position(V viewer, String cycle, String odsCode, String peers);

    Uni<OrganisationProfile> profile(V viewer, String odsCode, String cycle);

    Uni<SurveyResults> survey(V viewer, String runId, String area, String trustType, String segment, Map<String, List<String>> combine);
}
