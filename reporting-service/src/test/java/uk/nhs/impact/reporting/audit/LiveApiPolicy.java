package uk.nhs.impact.reporting.audit;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.access.Viewer;
import uk.nhs.impact.reporting.assessment.AssessmentDistribution;
import uk.nhs.impact.reporting.assessment.AssessmentReports;
import uk.nhs.impact.reporting.assessment.PositionReports;
import uk.nhs.impact.reporting.assessment.ProviderPosition;
import uk.nhs.impact.reporting.profile.OrganisationProfile;
import uk.nhs.impact.reporting.profile.ProfileReports;
import uk.nhs.impact.reporting.survey.SurveyReports;
import uk.nhs.impact.reporting.survey.SurveyResults;

/** The live API, exactly the code paths the HTTP resources call (the beans, without HTTP). */
public final class LiveApiPolicy implements ReportPolicy<Viewer> {
    private final ReportAccessTable access;
    private final AssessmentReports assessments;
    private final PositionReports positions;
    private final SurveyReports surveys;
    private final ProfileReports profiles;

    public LiveApiPolicy(ReportAccessTable access, AssessmentReports assessments, PositionReports positions, SurveyReports surveys,
            ProfileReports profiles) {
        this.profiles = profiles;
        this.access = access;
        this.assessments = assessments;
        this.positions = positions;
        this.surveys = surveys;
    }

    @Override
    public String name() {
        return "live-api";
    }

    @Override
    public Viewer viewer(OrgScope scope) {
        return access.viewerOf(scope);
    }

    @Override
    public Uni<AssessmentDistribution> distribution(Viewer viewer, String cycle, String area, String orgType, String trustType, String segment) {
        return Uni.createFrom().deferred(() -> assessments.distribution(viewer, cycle, area, orgType, trustType, segment));
    }

    @Override
    public Uni<ProviderPosition> position(Viewer viewer, String cycle, String odsCode, String peers) {
        return Uni.createFrom().deferred(() -> positions.position(viewer, cycle, odsCode, peers));
    }

    @Override
    public Uni<OrganisationProfile> profile(Viewer viewer, String odsCode, String cycle) {
        return Uni.createFrom().deferred(() -> profiles.profile(viewer, odsCode, cycle));
    }

    @Override
    public Uni<SurveyResults> survey(Viewer viewer, String runId, String area, String trustType, String segment,
            Map<String, List<String>> combine) {
        return Uni.createFrom().deferred(() -> surveys.results(viewer, runId, area, trustType, segment, combine));
    }
}
