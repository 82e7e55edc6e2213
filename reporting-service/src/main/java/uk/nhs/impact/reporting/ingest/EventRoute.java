package uk.nhs.impact.reporting.ingest;

import java.util.function.Function;
import uk.nhs.impact.contracts.EventTypes;

/**
 * One event type a handler applies: the contract record its payload is read as, and the change it makes to the read
 * models, read from the payload without touching the database (null when the event is checked but changes nothing), which
 * the handler then applies set-wise with the other changes of its batch.
 */
public record EventRoute<T extends Record>(String type, Class<T> payload, Function<T, ?> change) {

    public EventRoute {
        if (EventTypes.payloadOf(type) != payload) {
            throw new IllegalArgumentException(type + " is read as " + EventTypes.payloadOf(type).getSimpleName());
        }
    }

    public static <T extends Record> EventRoute<T> of(String type, Class<T> payload, Function<T, ?> change) {
        return new EventRoute<>(type, payload, change);
    }

    /** The change a payload this route's reader produced makes; a poison event when its fields cannot be applied. */
    public Object changeOf(Record data) {
        return change.apply(payload.cast(data));
    }
}
