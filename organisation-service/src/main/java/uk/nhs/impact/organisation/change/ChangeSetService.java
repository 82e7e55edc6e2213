package uk.nhs.impact.organisation.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.contracts.organisation.HierarchyChanged;
import uk.nhs.impact.platform.audit.AuditTrail;
import uk.nhs.impact.platform.db.SessionSql;
import uk.nhs.impact.platform.hierarchy.ChangeSet;
import uk.nhs.impact.platform.hierarchy.HierarchyChanges;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.outbox.Outbox;
import uk.nhs.impact.platform.problem.ProblemException;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.Roles;
import uk.nhs.impact.platform.web.Keyset;
import uk.nhs.impact.platform.web.Page;

/**
 * Change sets of the organisation hierarchy, loaded by NHS England administrators. Loading one is one transaction: the set
 * is checked against the hierarchy as stored and stored in the platform's applied sets ({@link HierarchyChanges#store}), then
 * stored here, audited and written to the outbox; once committed, this service's hierarchy is rebuilt from what is stored,
 * and the others apply the event.
 */
@ApplicationScoped
public class ChangeSetService {
    static final String AUDIT_TYPE = "change-set";
    /** Loads are serialised by this transaction-scoped advisory lock, so each is checked against every set loaded before it. */
    private static final long LOAD_LOCK = 7_151_002_085L;

    @Inject
    HierarchyChanges hierarchy;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    ObjectMapper json;

    /** Only NHS England's administrators load change sets: instrument-admin counts at X24 alone. */
    public void requireAdmin(OrgScope scope) {
        if (!scope.holds(Roles.INSTRUMENT_ADMIN)) {
            throw ProblemException.forbidden("Changing the organisation hierarchy is for NHS England administrators (instrument-admin at X24)");
        }
    }

    /** Checks and stores {@code body}; runs inside the caller's transaction. Nothing is stored when a rule is broken. */
    public Uni<StoredChangeSet> load(OrgScope scope, NewChangeSet body) {
        ChangeSet set = body.toChangeSet(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), scope.orgCode());
        return Panache.getSession()
                .chain(s -> SessionSql.rows(s, "select 1 from pg_advisory_xact_lock($1)", LOAD_LOCK))
                .chain(locked -> hierarchy.restore())
                .chain(current -> hierarchy.store(set))
                .chain(applied -> StoredChangeSet.count("reference", set.reference()))
                .chain(same -> {
                    if (same > 0) {
                        throw ProblemException.conflict("A change set with reference '" + set.reference() + "' was loaded already");
                    }
                    return store(set);
                })
                .call(stored -> audit.record(OrganisationHierarchy.NHS_ENGLAND, AUDIT_TYPE, stored.id.toString(), "LOADED", set.reference()))
                .call(stored -> outbox.append(Topics.ORGANISATION, EventTypes.ORGANISATION_HIERARCHY_CHANGED, OrganisationHierarchy.NHS_ENGLAND,
                        set.toEvent()))
                .call(stored -> Panache.getSession().chain(s -> s.flush()));
    }

    /** Brings this service's hierarchy up to date with the stored sets; called once a load has committed. */
    public Uni<Void> applyCommitted() {
        return hierarchy.restore().replaceWithVoid();
    }

    /** One page of change sets in load order. */
    public Uni<Page<StoredChangeSet>> list(String after, int limit) {
        Keyset from = Keyset.after(after);
        Map<String, Object> params = new HashMap<>();
        String q = "1 = 1";
        if (from != null) {
            q = Keyset.AFTER;
            from.bind(params);
        }
        String query = q + Keyset.ORDER;
        return Panache.withSession(() -> StoredChangeSet.<StoredChangeSet>find(query, params).page(0, limit + 1).list())
                .map(rows -> Page.byKeyset(rows, limit, StoredChangeSet::place));
    }

    public Uni<StoredChangeSet> read(UUID id) {
        return Panache.withSession(() -> StoredChangeSet.<StoredChangeSet>findById(id)).map(c -> {
            if (c == null) {
                throw ProblemException.notFound("Change set " + id);
            }
            return c;
        });
    }

    public ChangeSetView view(StoredChangeSet c) {
        try {
            return new ChangeSetView(c.id, c.reference, c.createdBy, c.createdAt, json.readValue(c.changes, new TypeReference<List<HierarchyChanged.Change>>() {
            }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored change set " + c.id + " does not read", e);
        }
    }

    private Uni<StoredChangeSet> store(ChangeSet set) {
        StoredChangeSet c = new StoredChangeSet();
        c.id = set.id();
        c.reference = set.reference();
        c.changes = write(set.toEvent().changes());
        c.createdBy = set.loadedBy();
        c.createdAt = set.loadedAt();
        return c.persist();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Change set cannot be serialised", e);
        }
    }
}
