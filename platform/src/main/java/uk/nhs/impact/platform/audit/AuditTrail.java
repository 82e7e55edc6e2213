package uk.nhs.impact.platform.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
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
import uk.nhs.impact.platform.db.SessionSql;
import uk.nhs.impact.platform.security.OrgScope;

/**
 * The append-only audit trail of a service: who changed what, when, and why, in the same transaction as the change.
 * Rows form hash chains (each hash covers the row and the previous hash in its chain), so a row changed, removed from
 * within a chain or slipped into one is detected by {@link #verify()}. An entity's rows always go to the same one of
 * {@value #CHAINS} chains, chosen from the entity's identity; appends to a chain are serialised by the lock on its head row
 * held until commit, so changes to different entities rarely wait for each other (one chain for the whole service would
 * make every write of the service queue behind the previous one's commit).
 */
@ApplicationScoped
public class AuditTrail {
    public static final String GENESIS = "0".repeat(64);
    /** Number of chains; part of the stored data: changing it re-homes entities, which verification would still accept. */
    static final int CHAINS = 64;
    private static final int PAGE = 1_000;

    @Inject
    Instance<SecurityIdentity> identity;
    @Inject
    Instance<OrgScope> scope;

    /** One recorded change. */
    public record Entry(long seq, int chain, Instant occurredAt, String actor, String actorOrg, String ownerOrg, String entityType,
            String entityId, String action, String reason, String prevHash, String hash) {
    }

    /** The result of checking the chain: intact, or where it first breaks. */
    public record Verification(boolean intact, long checked, Long firstBrokenSeq, String detail) {
    }

    /**
     * Appends a change made by the current caller, inside the caller's transaction, in one statement: the chain's head row
     * (table {@code audit_chain_head}) is updated to the new row's hash, which PostgreSQL computes from the newest committed
     * head after taking that row's lock, and the row is inserted with the head it follows. The lock is held until commit, so
     * appends to one chain queue and each sees the one before it.
     */
    public Uni<Void> record(String ownerOrg, String entityType, String entityId, String action, String reason) {
        String actor = identity.isResolvable() && !identity.get().isAnonymous() ? identity.get().getPrincipal().getName() : "system";
        String actorOrg = scope.isResolvable() ? scope.get().orgCode() : null;
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int chain = chainOf(entityType, entityId);
        byte[] tail = ("\n" + tail(at, actor, actorOrg, ownerOrg, entityType, entityId, action, reason)).getBytes(StandardCharsets.UTF_8);
        return Panache.getSession().chain(s -> s.createNativeQuery(APPEND)
                .setParameter("chain", chain).setParameter("tail", tail).setParameter("at", at.atOffset(ZoneOffset.UTC))
                .setParameter("actor", actor).setParameter("actorOrg", actorOrg).setParameter("owner", ownerOrg)
                .setParameter("type", entityType).setParameter("id", entityId).setParameter("action", action)
                .setParameter("reason", reason).executeUpdate())
                .invoke(appended -> {
                    if (appended != 1) {
                        throw new IllegalStateException("audit chain " + chain + " has no head row");
                    }
                }).replaceWithVoid();
    }

    /** The row's hash is SHA-256 over the previous hash and the row's fields, as {@link #hash} computes it for verification. */
    private static final String APPEND = """
            with head as (
                update audit_chain_head set prev_hash = hash, hash = encode(sha256(convert_to(hash, 'UTF8') || :tail), 'hex')
                where chain = :chain
                returning prev_hash, hash)
            insert into audit_event (chain, occurred_at, actor, actor_org, owner_org, entity_type, entity_id, action, reason,
                prev_hash, hash)
            select :chain, :at, :actor, :actorOrg, :owner, :type, :id, :action, :reason, head.prev_hash, head.hash from head""";

    /** The chain an entity's rows go to: stable for the entity (String.hashCode is fixed by the language), spread across entities. */
    static int chainOf(String entityType, String entityId) {
        return Math.floorMod((entityType + "\n" + entityId).hashCode(), CHAINS);
    }

    /** The changes to one entity, oldest first. */
    public Uni<List<Entry>> trail(String entityType, String entityId) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> SessionSql.rows(s,
                "select " + COLUMNS + " from audit_event where entity_type = $1 and entity_id = $2 order by seq", entityType, entityId)))
                .map(rows -> rows.stream().map(AuditTrail::entry).toList());
    }

    /** Recomputes every hash, chain by chain in order, and checks each row points at the one before it in its chain. */
    public Uni<Verification> verify() {
        return Panache.withSession(() -> page(-1, 0, GENESIS, 0));
    }

    private Uni<Verification> page(int afterChain, long afterSeq, String expectedPrev, long checked) {
        return Panache.getSession().chain(s -> SessionSql.rows(s, "select " + COLUMNS + " from audit_event where (chain, seq) > ($1, $2) "
                + "order by chain, seq limit " + PAGE, afterChain, afterSeq))
                .chain(rows -> {
                    String prev = expectedPrev;
                    long n = checked;
                    int chain = afterChain;
                    long last = afterSeq;
                    for (Object[] row : rows) {
                        Entry e = entry(row);
                        if (e.chain() != chain) {
                            chain = e.chain();
                            prev = GENESIS;
                        }
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
                    return page(chain, last, prev, n);
                });
    }

    private static final String COLUMNS = "seq, chain, occurred_at, actor, actor_org, owner_org, entity_type, entity_id, action, reason, prev_hash, hash";

    private static Entry entry(Object[] r) {
        Object at = r[2];
        Instant occurred = at instanceof OffsetDateTime o ? o.toInstant() : at instanceof Instant i ? i : ((java.sql.Timestamp) at).toInstant();
        return new Entry(((Number) r[0]).longValue(), ((Number) r[1]).intValue(), occurred, (String) r[3], (String) r[4], (String) r[5],
                (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10], (String) r[11]);
    }

    static String hash(String prev, Instant at, String... fields) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((prev + "\n" + tail(at, fields)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the hash covers after the previous hash: the time and each field, one per line, a missing field as NUL. */
    static String tail(Instant at, String... fields) {
        List<String> parts = new ArrayList<>();
        parts.add(at.truncatedTo(ChronoUnit.MICROS).toString());
        for (String f : fields) {
            parts.add(f == null ? "\u0000" : f.replace("\\", "\\\\").replace("\n", "\\n"));
        }
        return String.join("\n", parts);
    }
}
