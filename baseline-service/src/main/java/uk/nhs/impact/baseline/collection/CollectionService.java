package uk.nhs.impact.baseline.collection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.contracts.baseline.CollectionChanged;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.outbox.Outbox;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.ETags;

/**
 * Baseline collections: opened and closed for good by NHS England administrators. Both changes are audited and published
 * as events in the same transaction.
 */
@ApplicationScoped
public class CollectionService {
    /** instrument-admin counts only at NHS England (X24): a token carrying it for any other organisation is refused. */
    private static final String ADMIN_ONLY = "This is for NHS England administrators (instrument-admin at X24)";
    private static final String AUDIT_TYPE = "baseline-collection";
    /** Collections belong to NHS England: their events are keyed and their audit rows owned by it. */
    private static final String OWNER = OrganisationHierarchy.NHS_ENGLAND;

    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;

    /** Refuses a new collection before anything is looked up: the caller must be an administrator and the window must run forward. */
    public void checkNew(OrgScope scope, NewCollection body) {
        requireAdmin(scope);
        CollectionRules.checkNew(body.opensAt(), body.closesAt());
    }

    /** Opens a collection checked by {@link #checkNew}; runs inside the caller's transaction. */
    public Uni<Collection> open(NewCollection body) {
        return Collection.<Collection>findById(body.id())
                .chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("Collection " + body.id() + " already exists");
                    }
                    Collection c = new Collection();
                    c.id = body.id();
                    c.name = body.name();
                    c.referenceDate = body.referenceDate();
                    c.opensAt = body.opensAt();
                    c.closesAt = body.closesAt();
                    return c.<Collection>persist();
                })
                .call(c -> outbox.append(Topics.BASELINE, EventTypes.BASELINE_COLLECTION_OPENED, OWNER, changed(c)))
                .call(c -> audit.record(OWNER, AUDIT_TYPE, c.id, "OPENED", null))
                .call(c -> Panache.getSession().chain(s -> s.flush()));
    }

    /** Every collection, newest reference date first. */
    public Uni<List<Collection>> list() {
        return Panache.withSession(() -> Collection.<Collection>list("order by referenceDate desc, id"));
    }

    public Uni<Collection> read(String id) {
        return Panache.withSession(() -> find(id));
    }

    public Uni<Collection> close(OrgScope scope, String id, String ifMatch) {
        requireAdmin(scope);
        return Panache.withTransaction(() -> find(id).chain(c -> {
            ETags.require(ifMatch, c.version);
            CollectionRules.requireNotClosed(c);
            c.closed = true;
            return outbox.append(Topics.BASELINE, EventTypes.BASELINE_COLLECTION_CLOSED, OWNER, changed(c))
                    .chain(() -> Panache.getSession().chain(s -> s.flush()))
                    .chain(() -> audit.record(OWNER, AUDIT_TYPE, c.id, "CLOSED", null)).replaceWith(c);
        }));
    }

    /** The collection, or 404; inside the caller's session. */
    public Uni<Collection> find(String id) {
        return Collection.<Collection>findById(id).map(c -> {
            if (c == null) {
                throw ProblemException.notFound("Collection " + id);
            }
            return c;
        });
    }

    private static void requireAdmin(OrgScope scope) {
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden(ADMIN_ONLY);
        }
    }

    private static CollectionChanged changed(Collection c) {
        return new CollectionChanged(c.id, c.name, c.referenceDate, c.opensAt, c.closesAt);
    }
}
