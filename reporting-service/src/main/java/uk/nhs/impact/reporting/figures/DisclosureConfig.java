package uk.nhs.impact.reporting.figures;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Disclosure control (see ARCHITECTURE.md, "Reporting and disclosure"). */
@ConfigMapping(prefix = "impact.disclosure")
public interface DisclosureConfig {
    /** Below national, a survey figure from fewer respondents than this is suppressed (GP Patient Survey practice). */
    @WithDefault("10")
    int minSurveyRespondents();

    /** Below region, self-assessment detail is shown only when at least this many organisations contribute. */
    @WithDefault("3")
    int minSelfAssessmentOrganisations();

    /** Peers needed before a provider's position against its peers is shown. */
    @WithDefault("3")
    int minPeers();
}
