package uk.nhs.impact.platform.hierarchy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.organisation.HierarchyChanged;
import uk.nhs.impact.platform.consumer.IncomingEvent;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * Reads {@code organisation.events} in every service (each instance in a consumer group of its own, from the beginning,
 * since each holds the whole hierarchy) and applies every hierarchy change set. A set that cannot be read or breaks a rule
 * here is logged and skipped: retrying would never make it apply, and it must not stop the sets after it. A database
 * failure is retried with back-off, then the record is skipped too (the channel's failure strategy is {@code ignore}).
 */
@ApplicationScoped
public class HierarchyEventsConsumer {
    public static final String CHANNEL = "organisation-events";
    private static final java.time.Duration RETRY_FIRST = java.time.Duration.ofSeconds(1);
    private static final java.time.Duration RETRY_MAX = java.time.Duration.ofSeconds(30);
    private static final int RETRIES = 10;
    private static final Logger LOG = Logger.getLogger(HierarchyEventsConsumer.class);

    private final HierarchyChanges changes;
    private final ObjectMapper json;

    public HierarchyEventsConsumer(HierarchyChanges changes, ObjectMapper json) {
        this.changes = changes;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        Optional<IncomingEvent> event = IncomingEvent.of(message);
        if (event.isEmpty() || !EventTypes.ORGANISATION_HIERARCHY_CHANGED.equals(event.get().type())) {
            return Uni.createFrom().completionStage(message.ack());
        }
        ChangeSet set;
        try {
            set = ChangeSet.of(json.readValue(event.get().data(), HierarchyChanged.class));
        } catch (Exception e) {
            LOG.errorf("Skipped hierarchy event %s: it does not read as a change set (%s)", event.get().id(), e.getMessage());
            return Uni.createFrom().completionStage(message.ack());
        }
        return changes.apply(set).onFailure(f -> !(f instanceof ProblemException)).retry().withBackOff(RETRY_FIRST, RETRY_MAX)
                .atMost(RETRIES).onItemOrFailure().transformToUni((stored, failure) -> {
                    if (failure instanceof ProblemException p) {
                        LOG.errorf("Skipped hierarchy change set %s (%s): %s %s", set.id(), set.reference(), p.getMessage(), p.errors());
                    } else if (failure != null) {
                        LOG.errorf(failure, "Hierarchy change set %s (%s) could not be applied; it is read again at the next start", set.id(),
                                set.reference());
                        return Uni.createFrom().completionStage(message.nack(failure));
                    } else if (stored) {
                        LOG.infof("Applied hierarchy change set %s (%s)", set.id(), set.reference());
                    }
                    return Uni.createFrom().completionStage(message.ack());
                });
    }
}
