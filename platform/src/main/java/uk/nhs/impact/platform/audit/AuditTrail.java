package uk.nhs.impact.platform.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import uk.nhs.impact.platform.security.OrgScope;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The append-only audit trail of a service: who changed what, when, and why, in the same transaction as the change.
 * Rows form a hash chain (each hash covers the row and the previous hash), so tampering is detectable by {@link #verify()}.
 * Appends are serialised by a transaction-scoped advisory lock, taken last in the transaction so it is held briefly.
 */
@ApplicationScoped
public class AuditTrail {
    public static final String GENESIS = "0".repeat(64);
    private static final long LOCK_KEY = 7_151_002_024L;
    private static final int PAGE = 1_000;

    private final Instance<SecurityIdentity> identity;
    private final Instance<OrgScope> scope;

    public AuditTrail(Instance<SecurityIdentity> identity, Instance<OrgScope> scope) {
        this.identity = identity;
        this.scope = scope;
    }

    /** One recorded change. */
    public record Entry(long seq, Instant occurredAt, String actor, String actorOrg, String ownerOrg, String entityType, String entityId,
                        String action, String reason, String prevHash, String hash) {
    }

    /** The result of checking the chain: intact, or where it first breaks. */
    public record Verification(boolean intact, long checked, Long firstBrokenSeq, String detail) {
    }

    /** Appends a change made by the current caller, inside the caller's transaction. */
    public Uni<Void> record(String ownerOrg, String entityType, String entityId, String action, String reason) {
        String actor = identity.isResolvable() && !identity.get().isAnonymous() ? identity.get().getPrincipal().getName() : "system";
        String actorOrg = scope.isResolvable() ? scope.get().orgCode() : null;
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession().chain(s -> s.createNativeQuery("select 1 from pg_advisory_xact_lock(:key)", Integer.class).setParameter("key", LOCK_KEY)
                .getSingleResult()
                .chain(() -> s.createNativeQuery("select hash from audit_event order by seq desc limit 1", String.class).getResultList())
                .chain(last -> {
                    String prev = last.isEmpty() ? GENESIS : last.get(0);
                    String hash = hash(prev, at, actor, actorOrg, ownerOrg, entityType, entityId, action, reason);
                    return s.createNativeQuery("""
                                    insert into audit_event(occurred_at, actor, actor_org, owner_org, entity_type, entity_id, action, reason,
                                        prev_hash, hash)
                                    values (:at, :actor, :actorOrg, :owner, :type, :id, :action, :reason, :prev, :hash)""")
                            .setParameter("at", at.atOffset(ZoneOffset.UTC)).setParameter("actor", actor).setParameter("actorOrg", actorOrg)
                            .setParameter("owner", ownerOrg).setParameter("type", entityType).setParameter("id", entityId)
                            .setParameter("action", action).setParameter("reason", reason).setParameter("prev", prev).setParameter("hash", hash)
                            .executeUpdate();
                })).replaceWithVoid();
    }

    /** The changes to one entity, oldest first. */
    public Uni<List<Entry>> trail(String entityType, String entityId) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "select " + COLUMNS + " from audit_event where entity_type = :type and entity_id = :id order by seq", Object[].class)
                .setParameter("type", entityType).setParameter("id", entityId).getResultList()))
                .map(rows -> rows.stream().map(AuditTrail::entry).toList());
    }

    /** Recomputes every hash in order and checks each row points at the one before it. */
    public Uni<Verification> verify() {
        return Panache.withSession(() -> page(0, GENESIS, 0));
    }

    private Uni<Verification> page(long afterSeq, String expectedPrev, long checked) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select " + COLUMNS + " from audit_event where seq > :after order by seq limit "
                        + PAGE, Object[].class).setParameter("after", afterSeq).getResultList())
                .chain(rows -> {
                    String prev = expectedPrev;
                    long n = checked;
                    long last = afterSeq;
                    for (Object[] row : rows) {
                        Entry e = entry(row);
                        if (!e.prevHash().equals(prev)) {
                            return Uni.createFrom().item(new Verification(false, n, e.seq(), "row " + e.seq() + " does not follow the row before it"));
                        }
                        String recomputed = hash(e.prevHash(), e.occurredAt(), e.actor(), e.actorOrg(), e.ownerOrg(), e.entityType(), e.entityId(),
                                e.action(), e.reason());
                        if (!recomputed.equals(e.hash())) {
                            return Uni.createFrom().item(new Verification(false, n, e.seq(), "row " + e.seq() + " was changed after it was written"));
                        }
                        prev = e.hash();
                        n++;
                        last = e.seq();
                    }
                    if (rows.size() < PAGE) {
                        return Uni.createFrom().item(new Verification(true, n, null, "intact"));
                    }
                    return page(last, prev, n);
                });
    }

    private static final String COLUMNS = "seq, occurred_at, actor, actor_org, owner_org, entity_type, entity_id, action, reason, prev_hash, hash";

    private static Entry entry(Object[] r) {
        Object at = r[1];
        Instant occurred = at instanceof OffsetDateTime o ? o.toInstant() : at instanceof Instant i ? i : ((java.sql.Timestamp) at).toInstant();
        return new Entry(((Number) r[0]).longValue(), occurred, (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6],
                (String) r[7], (String) r[8], (String) r[9], (String) r[10]);
    }

    static String hash(String prev, Instant at, String... fields) {
        List<String> parts = new ArrayList<>();
        parts.add(prev);
        parts.add(at.truncatedTo(ChronoUnit.MICROS).toString());
        for (String f : fields) {
            parts.add(f == null ? "\u0000" : f.replace("\\", "\\\\").replace("\n", "\\n"));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
