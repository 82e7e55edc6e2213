package uk.nhs.impact.platform.instrument;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.ConfigProvider;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.problem.FieldError;

/** A service's one kind of instrument, whose shipped versions are the JSON resources listed in {@value #SHIPPED}. */
public abstract class ConfiguredInstruments<D> extends VersionedInstruments<D> {
    public static final String SHIPPED = "impact.instruments.shipped";

    protected ConfiguredInstruments(ObjectMapper json, AuditTrail audit, Class<D> type, BiFunction<D, D, List<FieldError>> rules) {
        super(json, type, ConfigProvider.getConfig().getValues(SHIPPED, String.class), audit, rules);
    }
}
