package uk.nhs.impact.platform.hierarchy;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * Applies hierarchy change sets to this service's hierarchy without a restart: each set is checked, stored once (by id)
 * and the in-memory hierarchy replaced by the bundled reference data with every stored set applied in load order. At
 * start the stored sets are applied the same way, so the hierarchy a service answers with never depends on whether the
 * topic has been read yet.
 */
@ApplicationScoped
public class HierarchyChanges {
    private static final Logger LOG = Logger.getLogger(HierarchyChanges.class);

    private final OrganisationHierarchy hierarchy;
    private final StoredChangeSets stored;

    public HierarchyChanges(OrganisationHierarchy hierarchy, StoredChangeSets stored) {
        this.hierarchy = hierarchy;
        this.stored = stored;
    }

    void onStart(@Observes StartupEvent event) {
        restore().await().atMost(Duration.ofSeconds(60));
    }

    /**
     * Applies {@code set}: true when this call stored it, false when it was stored before (then the hierarchy is only
     * brought up to date with what is stored). A set that breaks a rule against the current hierarchy fails with a 400
     * problem naming each field, and nothing changes.
     */
    public Uni<Boolean> apply(ChangeSet set) {
        if (set.id() == null) {
            return Uni.createFrom().failure(ProblemException.validation("changeSetId", "is required"));
        }
        if (hierarchy.hasApplied(set.id())) {
            return Uni.createFrom().item(false);
        }
        return stored.exists(set.id()).chain(known -> {
            if (known) {
                return restore().replaceWith(false);
            }
            List<FieldError> errors = ChangeSetValidator.validate(hierarchy, set);
            if (!errors.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.validation(errors));
            }
            return stored.insert(set).call(inserted -> restore());
        });
    }

    /** Rebuilds the hierarchy from the bundled reference data and the stored change sets, and puts it in place. */
    public Uni<OrganisationHierarchy> restore() {
        return stored.all().map(sets -> {
            OrganisationHierarchy next = OrganisationHierarchy.loadBundled();
            for (ChangeSet s : sets) {
                next = next.with(s);
            }
            swap(next);
            return next;
        });
    }

    /** The stored change sets, in load order. */
    public Uni<List<ChangeSet>> stored() {
        return stored.all();
    }

    /** Two rebuilds racing: the one holding more change sets wins, so a slower, older read never undoes a newer one. */
    private synchronized void swap(OrganisationHierarchy next) {
        if (next.changeSets().size() >= hierarchy.changeSets().size()) {
            hierarchy.replaceWith(next);
            LOG.debugf("Organisation hierarchy now has %d change set(s) applied", next.changeSets().size());
        }
    }
}
