package uk.nhs.impact.survey.instrument;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.impact.platform.instrument.VersionedInstruments;
import uk.nhs.impact.platform.problem.FieldError;

import java.util.List;

/** Survey versions: the 2023 improvement survey ships with the service; instrument admins add later ones. */
@Singleton
public class SurveyCatalogue extends VersionedInstruments<SurveyDefinition> {

    public SurveyCatalogue(ObjectMapper json, @ConfigProperty(name = "impact.instruments.shipped") List<String> resources,
                          uk.nhs.impact.platform.audit.AuditTrail audit) {
        super(json, SurveyDefinition.class, resources, audit);
    }

    @Override
    protected List<FieldError> check(SurveyDefinition definition, SurveyDefinition previous) {
        return SurveyRules.check(definition);
    }
}
