package uk.nhs.impact.reporting.figures;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Disclosure control (see ARCHITECTURE.md, "Reporting and disclosure"). */
@ConfigMapping(prefix = "impact.disclosure")
public interface DisclosureConfig {
    /**
     * k for the survey: no figure rests on fewer respondents than this, directly or by difference (GP Patient Survey
     * practice), at every level and with every filter.
     */
    @WithDefault("10")
    int minSurveyRespondents();

    /**
     * k for self-assessments: no figure rests on fewer organisations than this that the viewer may not read one by one,
     * directly or by difference, at every level and with every filter (positions' peer groups included).
     */
    @WithDefault("3")
    int minSelfAssessmentOrganisations();
}
