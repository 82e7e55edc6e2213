package uk.nhs.impact.platform.hierarchy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * Applies hierarchy change sets to this service's hierarchy without a restart: each set is checked, stored once (by id)
 * in a transaction ({@link #apply} opens one, {@link #store} joins the caller's) and, once committed, the in-memory
 * hierarchy replaced by the bundled reference data with every stored set applied in load order. At
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
     * Applies {@code set} in a transaction of its own, then brings the in-memory hierarchy up to date with what is stored:
     * true when this call stored it, false when it was stored before. A set that breaks a rule against the current
     * hierarchy fails with a 400 problem naming each field, and nothing changes.
     */
    public Uni<Boolean> apply(ChangeSet set) {
        if (set.id() != null && hierarchy.hasApplied(set.id())) {
            return Uni.createFrom().item(false);
        }
        return onVertxContext(() -> Panache.withTransaction(() -> store(set))).call(() -> restore());
    }

    /**
     * Inside the caller's transaction: checks {@code set} against the current hierarchy and stores it unless it was stored
     * before; true when this call stored it. A set that breaks a rule fails with a 400 problem naming each field. The
     * in-memory hierarchy is left as it is: {@link #restore()} puts the set in place once the transaction has committed.
     */
    public Uni<Boolean> store(ChangeSet set) {
        if (set.id() == null) {
            return Uni.createFrom().failure(ProblemException.validation("changeSetId", "is required"));
        }
        if (hierarchy.hasApplied(set.id())) {
            return Uni.createFrom().item(false);
        }
        return stored.exists(set.id()).chain(known -> {
            if (known) {
                return Uni.createFrom().item(false);
            }
            List<FieldError> errors = ChangeSetValidator.validate(hierarchy, set);
            if (!errors.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.validation(errors));
            }
            return stored.insert(set);
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

    /** A session needs a Vert.x context: a caller without one (a test thread, a retry after a back-off) is given a new one. */
    private static <T> Uni<T> onVertxContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> VertxContext.isOnDuplicatedContext()
                ? work.get()
                : Uni.createFrom().<T>emitter(e -> VertxContextSupport.subscribe(() -> work.get().toMulti(), s -> s.with(e::complete, e::fail))));
    }

    /** Two rebuilds racing: the one holding more change sets wins, so a slower, older read never undoes a newer one. */
    private synchronized void swap(OrganisationHierarchy next) {
        if (next.changeSets().size() >= hierarchy.changeSets().size()) {
            hierarchy.replaceWith(next);
            LOG.debugf("Organisation hierarchy now has %d change set(s) applied", next.changeSets().size());
        }
    }
}
