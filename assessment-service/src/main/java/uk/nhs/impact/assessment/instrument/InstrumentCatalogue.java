package uk.nhs.impact.assessment.instrument;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.instrument.ConfiguredInstruments;

/** Self-assessment instrument versions: version 1 ships with the service; instrument admins add later ones. */
@Singleton
public class InstrumentCatalogue extends ConfiguredInstruments<InstrumentDefinition> {

    public InstrumentCatalogue(ObjectMapper json, AuditTrail audit) {
        super(json, audit, InstrumentDefinition.class, InstrumentRules::check);
    }
}
