package uk.nhs.impact.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The floor of a baseline return: the statements and transactions the baseline service runs for save + submit of one
 * return (ReturnService.saveDraft and submit, with AuditTrail.record and Outbox.append; ReturnService.view after each
 * reads nothing more for a return never reviewed), in the order and with the text the server logs for them, replayed over JDBC with prepared statements against scratch tables of the same shape, indexes, constraints and
 * foreign keys (schema {@value #SCHEMA} in the baseline database, dropped afterwards). The statement log of a few real
 * returns, captured by the harness in bench/results/return-sql.log, is what this list is checked against.
 */
final class ReturnSql {
    static final String SCHEMA = "bench_floor";
    static final String COLLECTION = "bench-floor";

    /** Statements per return, in the order the service runs them (two transactions, each followed by the view's read). */
    static final String[] SAVE = {
            "select c1_0.id,c1_0.closed,c1_0.closes_at,c1_0.name,c1_0.opens_at,c1_0.reference_date,c1_0.version from collection c1_0 where c1_0.id=?",
            "select instrument_id, number, status, definition, published_at, version from instrument_version where instrument_id = ? order by number",
            "select br1_0.id,br1_0.answers,br1_0.collection_id,br1_0.ods_code,br1_0.org_type,br1_0.question_set_id,br1_0.question_set_version,"
                    + "br1_0.review_state,br1_0.revision,br1_0.status,br1_0.submitted_at,br1_0.updated_at,br1_0.version from baseline_return br1_0 "
                    + "where br1_0.collection_id=? and br1_0.ods_code=? offset ? rows fetch first ? rows only",
            "insert into baseline_return (answers,collection_id,ods_code,org_type,question_set_id,question_set_version,review_state,revision,"
                    + "status,submitted_at,updated_at,version,id) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    };
    /** An audit row and its chain's new head in one statement, as AuditTrail.record runs it. */
    static final String AUDIT = """
            with head as (
                update audit_chain_head set prev_hash = hash, hash = encode(sha256(convert_to(hash, 'UTF8') || ?), 'hex')
                where chain = ?
                returning prev_hash, hash)
            insert into audit_event (chain, occurred_at, actor, actor_org, owner_org, entity_type, entity_id, action, reason,
                prev_hash, hash)
            select ?, ?, ?, ?, ?, ?, ?, ?, ?, head.prev_hash, head.hash from head""";
    static final String REVISION = "insert into return_revision (answers,return_id,revision,submitted_at,submitted_by,id) values (?,?,?,?,?,?)";
    static final String OUTBOX = "insert into outbox_event(id, topic, event_type, subject, payload, occurred_at) "
            + "values (?, ?, ?, ?, cast(cast(? as text) as jsonb), now())";
    static final String UPDATE = "update baseline_return set answers=?,collection_id=?,ods_code=?,org_type=?,question_set_id=?,question_set_version=?,"
            + "review_state=?,revision=?,status=?,submitted_at=?,updated_at=?,version=? where id=? and version=?";
    /**
     * Statements per return: save (5, a transaction) + submit (6, a transaction). The view answered after each reads no
     * reviews: a draft and a first submission awaiting review cannot have any.
     */
    static final int STATEMENTS = 11;

    private static final String ANSWERS = "{\"leadership_exec_responsibility\":true,\"tools_improvement_methods\":true,\"governance_reporting\":false,"
            + "\"capability_staff_training\":true}";

    private ReturnSql() {
    }

    /** What the server's statement log shows for the captured returns. */
    record Logged(long statements, long transactions, long relayStatements) {
    }

    /**
     * Counts the statements and committed transactions of the returns in the baseline database's statement log. The outbox
     * relay polls every 100 ms whatever the load, and shares the pool's connections with the requests, so its statements
     * (the poll with its advisory lock, marking a batch sent) are told apart by their text, not by the connection, and a
     * transaction counts only if it ran a statement of the return's.
     */
    static Logged countLogged(List<String> lines) {
        long statements = 0;
        long transactions = 0;
        long relay = 0;
        java.util.Map<String, Boolean> openTransactionHasReturnWork = new java.util.HashMap<>();
        for (String l : lines) {
            if (!l.contains("db=baseline ") || !(l.contains(" statement: ") || l.contains(" execute ")) || l.contains("bench-capture-")) {
                continue;
            }
            String backend = l.substring(l.indexOf('['), l.indexOf(']') + 1);
            if (l.endsWith(": BEGIN")) {
                openTransactionHasReturnWork.put(backend, false);
            } else if (l.endsWith(": COMMIT")) {
                if (Boolean.TRUE.equals(openTransactionHasReturnWork.remove(backend))) {
                    transactions++;
                }
            } else if (l.contains("sent_at is null") || l.contains("pg_try_advisory_xact_lock") || l.contains("set sent_at")) {
                relay++;
            } else {
                statements++;
                openTransactionHasReturnWork.computeIfPresent(backend, (b, work) -> true);
            }
        }
        return new Logged(statements, transactions, relay);
    }

    /** Creates the scratch tables: copies of the service's, with their indexes, defaults, checks and foreign keys. */
    static void create(Function<String, Connection> db) throws SQLException {
        try (Connection c = db.apply("baseline"); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
            s.execute("create schema " + SCHEMA);
            for (String table : new String[]{"collection", "baseline_return", "return_revision", "return_review", "outbox_event", "audit_event",
                    "audit_chain_head", "instrument_version"}) {
                s.execute("create table " + SCHEMA + "." + table + " (like public." + table + " including all)");
            }
            s.execute("alter table " + SCHEMA + ".baseline_return add foreign key (collection_id) references " + SCHEMA + ".collection(id)");
            s.execute("alter table " + SCHEMA + ".return_revision add foreign key (return_id) references " + SCHEMA + ".baseline_return(id)");
            s.execute("alter table " + SCHEMA + ".return_review add foreign key (return_id) references " + SCHEMA + ".baseline_return(id)");
            s.execute("insert into " + SCHEMA + ".audit_chain_head(chain, prev_hash, hash) select c, repeat('0', 64), repeat('0', 64) "
                    + "from generate_series(0, 63) as c");
            s.execute("insert into " + SCHEMA + ".collection(id, name, reference_date, opens_at, closes_at, closed, version) "
                    + "values ('" + COLLECTION + "', 'floor', date '2023-08-31', now(), now() + interval '30 days', false, 0)");
        }
    }

    static void drop(Function<String, Connection> db) throws SQLException {
        try (Connection c = db.apply("baseline"); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    /** One client's connection and prepared statements; each {@link #fileReturn} files a new organisation's return. */
    static final class Client implements Stats.Client {
        private final Connection c;
        private final String prefix;
        private final PreparedStatement[] save = new PreparedStatement[SAVE.length];
        private final PreparedStatement audit, revision, outbox, update;
        private long n;

        Client(Connection c, int id) throws SQLException {
            this.c = c;
            this.prefix = "F" + id + "-" + Long.toString(System.nanoTime(), 36) + "-";
            try (Statement s = c.createStatement()) {
                s.execute("set search_path = " + SCHEMA);
            }
            for (int i = 0; i < SAVE.length; i++) {
                save[i] = c.prepareStatement(SAVE[i]);
            }
            audit = c.prepareStatement(AUDIT);
            revision = c.prepareStatement(REVISION);
            outbox = c.prepareStatement(OUTBOX);
            update = c.prepareStatement(UPDATE);
        }

        @Override
        public Stats.Operation operation() {
            return this::fileReturn;
        }

        void fileReturn() throws SQLException {
            String ods = prefix + n++;
            UUID id = UUID.randomUUID();
            Timestamp now = Timestamp.from(Instant.now());
            // save: a transaction
            c.setAutoCommit(false);
            query(save[0], COLLECTION);
            query(save[1], "trust");
            save[2].setString(1, COLLECTION);
            save[2].setString(2, ods);
            save[2].setInt(3, 0);
            save[2].setInt(4, 1);
            drain(save[2]);
            bindReturn(save[3], ods, id, now, null, 0, "DRAFT", null, 0);
            save[3].executeUpdate();
            audit(ods, "DRAFT_CREATED", null);
            c.commit();
            c.setAutoCommit(true);
            // submit: a transaction
            c.setAutoCommit(false);
            query(save[0], COLLECTION);
            save[2].setString(1, COLLECTION);
            save[2].setString(2, ods);
            save[2].setInt(3, 0);
            save[2].setInt(4, 1);
            drain(save[2]);
            // the outbox row first, then the revision and the update at the flush, as the service runs them
            outbox.setObject(1, UUID.randomUUID());
            outbox.setString(2, "baseline.returns");
            outbox.setString(3, "uk.nhs.impact.baseline.return-submitted.v1");
            outbox.setString(4, ods);
            outbox.setString(5, "{\"collectionId\":\"" + COLLECTION + "\",\"questionSetId\":\"baseline-trust\",\"questionSetVersion\":1,"
                    + "\"organisation\":{\"odsCode\":\"" + ods + "\",\"name\":\"MANCHESTER UNIVERSITY NHS FOUNDATION TRUST\",\"orgType\":\"trust\","
                    + "\"trustType\":\"acute\",\"icbOdsCode\":\"QOP\",\"regionOdsCode\":\"Y62\"},\"referenceDate\":\"2023-08-31\",\"revision\":1,"
                    + "\"submittedAt\":\"" + now.toInstant() + "\",\"answers\":" + ANSWERS + "}");
            outbox.executeUpdate();
            revision.setString(1, ANSWERS);
            revision.setObject(2, id);
            revision.setInt(3, 1);
            revision.setTimestamp(4, now);
            revision.setString(5, "bench");
            revision.setObject(6, UUID.randomUUID());
            revision.executeUpdate();
            bindReturn(update, ods, id, now, now, 1, "SUBMITTED", "AWAITING_REVIEW", 1);
            update.setObject(13, id);
            update.setLong(14, 0);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("the floor's return " + ods + " was not updated");
            }
            audit(ods, "SUBMITTED", "revision 1");
            c.commit();
            c.setAutoCommit(true);
        }

        private void bindReturn(PreparedStatement ps, String ods, UUID id, Timestamp now, Timestamp submitted, int revisionNo, String status, String review,
                long version) throws SQLException {
            ps.setString(1, ANSWERS);
            ps.setString(2, COLLECTION);
            ps.setString(3, ods);
            ps.setString(4, "trust");
            ps.setString(5, "trust-baseline");
            ps.setInt(6, 1);
            ps.setString(7, review);
            ps.setInt(8, revisionNo);
            ps.setString(9, status);
            ps.setTimestamp(10, submitted);
            ps.setTimestamp(11, now);
            ps.setLong(12, version);
            if (ps != update) {
                ps.setObject(13, id);
            }
        }

        private void audit(String ods, String action, String reason) throws SQLException {
            String entity = COLLECTION + "/" + ods;
            int chain = Math.floorMod(("baseline-return\n" + entity).hashCode(), 64);
            audit.setBytes(1, ("\n" + Instant.now() + "\nbench\n" + ods + "\n" + ods + "\nbaseline-return\n" + entity + "\n" + action + "\n"
                    + (reason == null ? "\u0000" : reason)).getBytes(StandardCharsets.UTF_8));
            audit.setInt(2, chain);
            audit.setInt(3, chain);
            audit.setTimestamp(4, Timestamp.from(Instant.now()));
            audit.setString(5, "bench");
            audit.setString(6, ods);
            audit.setString(7, ods);
            audit.setString(8, "baseline-return");
            audit.setString(9, entity);
            audit.setString(10, action);
            audit.setString(11, reason);
            audit.executeUpdate();
        }

        private static void query(PreparedStatement ps, Object param) throws SQLException {
            ps.setObject(1, param);
            drain(ps);
        }

        private static void drain(PreparedStatement ps) throws SQLException {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }
        }

        @Override
        public void close() throws SQLException {
            c.close();
        }
    }
}
