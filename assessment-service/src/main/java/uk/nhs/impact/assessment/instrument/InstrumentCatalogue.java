package uk.nhs.impact.assessment.instrument;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.impact.platform.instrument.VersionedInstruments;
import uk.nhs.impact.platform.problem.FieldError;

import java.util.List;

/** Self-assessment instrument versions: version 1 ships with the service; instrument admins add later ones. */
@Singleton
public class InstrumentCatalogue extends VersionedInstruments<InstrumentDefinition> {

    public InstrumentCatalogue(ObjectMapper json, @ConfigProperty(name = "impact.instruments.shipped") List<String> resources,
                          uk.nhs.impact.platform.audit.AuditTrail audit) {
        super(json, InstrumentDefinition.class, resources, audit);
    }

    @Override
    protected List<FieldError> check(InstrumentDefinition definition, InstrumentDefinition previous) {
        return InstrumentRules.check(definition, previous);
    }
}
