package uk.nhs.impact.survey.instrument;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.instrument.ConfiguredInstruments;

/** Survey versions: the 2023 improvement survey ships with the service; instrument admins add later ones. */
@Singleton
public class SurveyCatalogue extends ConfiguredInstruments<SurveyDefinition> {

    public SurveyCatalogue(ObjectMapper json, AuditTrail audit) {
        // A survey version stands on its own: its rules do not look at the version before it.
        super(json, audit, SurveyDefinition.class, (definition, previous) -> SurveyRules.check(definition));
    }
}
