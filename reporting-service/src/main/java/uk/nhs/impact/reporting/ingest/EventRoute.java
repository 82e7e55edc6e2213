package uk.nhs.impact.reporting.ingest;

import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import uk.nhs.impact.contracts.EventTypes;

/** One event type a handler applies: the contract record its payload is read as, and what applying it does. */
public record EventRoute<T extends Record>(String type, Class<T> payload, Function<T, Uni<Void>> apply) {

    public EventRoute {
        if (EventTypes.payloadOf(type) != payload) {
            throw new IllegalArgumentException(type + " is read as " + EventTypes.payloadOf(type).getSimpleName());
        }
    }

    public static <T extends Record> EventRoute<T> of(String type, Class<T> payload, Function<T, Uni<Void>> apply) {
        return new EventRoute<>(type, payload, apply);
    }

    /** Applies a payload this route's reader produced. */
    public Uni<Void> applyTo(Record data) {
        return apply.apply(payload.cast(data));
    }
}
