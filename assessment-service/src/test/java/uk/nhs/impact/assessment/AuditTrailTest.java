package uk.nhs.impact.assessment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** Every change is in the audit trail, which only grows, and whose hash chain shows any row changed behind its back. */
@QuarkusTest
class AuditTrailTest {
    @Inject
    DataSource db;

    @Test
    void everyStepIsRecordedWithWhoAndWhy() {
        AssessmentApi.Ref a = AssessmentApi.file("RWV", "audit-1", AssessmentApi.byCode(AssessmentApi.SEED_001));
        AssessmentApi.share("RWV", a, "ICB");
        List<String> actions = AssessmentApi.as("RWV").when().get(AssessmentApi.BASE + "/" + a.id() + "/audit")
                .then().statusCode(200).extract().jsonPath().getList("action", String.class);
        assertThat(actions).containsExactly("CREATED", "ANSWERS_SAVED", "SIGNED_OFF", "SUBMITTED", "SHARING_SET_ICB");
        AssessmentApi.as("RWV").when().get(AssessmentApi.BASE + "/" + a.id() + "/audit").then()
                .body("[2].reason", equalTo("board meeting 2023-09-28, minute BM/23/114")).body("[4].reason", equalTo("Agreed by the board"))
                .body("[0].actorOrg", equalTo("RWV")).body("[0].ownerOrg", equalTo("RWV"));
        given().header("Authorization", Tokens.bearer("X24", "instrument-admin")).when().get(AssessmentApi.BASE + "/" + a.id() + "/audit")
                .then().statusCode(200);
        given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(AssessmentApi.BASE + "/" + a.id() + "/audit")
                .then().statusCode(404);
        given().header("Authorization", Tokens.bearer("QT1", "icb-oversight")).when().get(AssessmentApi.BASE + "/" + a.id() + "/audit")
                .then().statusCode(403);
        // instrument-admin counts only at NHS England (X24): elsewhere it opens no trail, not even the organisation's own
        for (String org : new String[]{"RWV", "RHA", "Y60", "X24-DIR-MEDICAL"}) {
            given().header("Authorization", Tokens.bearer(org, "instrument-admin")).when().get(AssessmentApi.BASE + "/" + a.id() + "/audit")
                    .then().statusCode(403).contentType("application/problem+json");
            given().header("Authorization", Tokens.bearer(org, "instrument-admin")).when().get(AssessmentApi.BASE + "/audit/verify")
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void theTrailOnlyGrowsAndTamperingIsDetected() throws SQLException {
        AssessmentApi.create("RWV", "audit-2");
        String admin = Tokens.bearer("X24", "instrument-admin");
        given().header("Authorization", admin).when().get(AssessmentApi.BASE + "/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));

        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update audit_event set reason = 'nothing to see' where seq = 1"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_event where seq = 1")).hasMessageContaining("append-only");
        }
        long seq;
        String original;
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select seq, action from audit_event order by seq limit 1")) {
            rs.next();
            seq = rs.getLong(1);
            original = rs.getString(2);
        }
        // someone with the database's own powers bypasses the guard and rewrites history
        tamper(seq, "WITHDRAWN");
        try {
            given().header("Authorization", admin).when().get(AssessmentApi.BASE + "/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false)).body("firstBrokenSeq", equalTo((int) seq));
        } finally {
            tamper(seq, original);
        }
        given().header("Authorization", admin).when().get(AssessmentApi.BASE + "/audit/verify").then().body("intact", equalTo(true));
        given().header("Authorization", AssessmentApi.submitter("RWV")).when().get(AssessmentApi.BASE + "/audit/verify").then().statusCode(403);
    }

    @Test
    void entitiesSpreadOverSeveralChainsAndARowRemovedFromOneIsDetected() throws SQLException {
        for (int i = 0; i < 8; i++) {
            AssessmentApi.create("RWV", "audit-chains-" + i);
        }
        String admin = Tokens.bearer("X24", "instrument-admin");
        long removed;
        long successor;
        Object[] row = new Object[12];
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(distinct chain) from audit_event")) {
                rs.next();
                assertThat(rs.getInt(1)).as("chains in use").isGreaterThan(1);
            }
            try (ResultSet rs = s.executeQuery("""
                    select seq, chain, occurred_at, actor, actor_org, owner_org, entity_type, entity_id, action, reason, prev_hash, hash,
                        (select min(b.seq) from audit_event b where b.chain = a.chain and b.seq > a.seq)
                    from audit_event a where exists (select 1 from audit_event b where b.chain = a.chain and b.seq > a.seq)
                    order by seq desc limit 1""")) {
                rs.next();
                for (int i = 0; i < row.length; i++) {
                    row[i] = i == 2 ? rs.getObject(i + 1, java.time.OffsetDateTime.class) : rs.getObject(i + 1);
                }
                removed = rs.getLong(1);
                successor = rs.getLong(13);
            }
        }
        asDatabaseOwner("delete from audit_event where seq = ?", removed);
        try {
            given().header("Authorization", admin).when().get(AssessmentApi.BASE + "/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false)).body("firstBrokenSeq", equalTo((int) successor))
                    .body("detail", equalTo("row " + successor + " does not follow the row before it"));
        } finally {
            asDatabaseOwner("insert into audit_event(seq, chain, occurred_at, actor, actor_org, owner_org, entity_type, entity_id, action, reason, "
                    + "prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row);
        }
        given().header("Authorization", admin).when().get(AssessmentApi.BASE + "/audit/verify").then().body("intact", equalTo(true));
    }

    /** Someone with the database's own powers bypasses the append-only guard. */
    private void asDatabaseOwner(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); PreparedStatement ps = c.prepareStatement(sql)) {
                s.execute("set local session_replication_role = replica");
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    private void tamper(long seq, String action) throws SQLException {
        asDatabaseOwner("update audit_event set action = ? where seq = ?", action, seq);
    }
}
