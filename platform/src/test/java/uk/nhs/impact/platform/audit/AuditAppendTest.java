package uk.nhs.impact.platform.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** Appends to one audit chain from many transactions at once stay one unbroken chain, hashed as verification recomputes them. */
@QuarkusTest
class AuditAppendTest {
    @Inject
    DataSource db;

    @Test
    void concurrentAppendsToOneChainFollowEachOther() throws Exception {
        String submitter = Tokens.bearer("RHA", "submitter", "viewer");
        String entity = "concurrent-" + System.nanoTime();
        int chain = AuditTrail.chainOf("note", entity);
        int appends = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < appends; i++) {
                calls.add(pool.submit(() -> given().header("Authorization", submitter).when().post("/api/v1/notes/" + entity + "/touch")
                        .then().extract().statusCode()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(204);
            }
        } finally {
            pool.shutdown();
        }

        List<String[]> rows = chainRows(chain);
        List<String[]> mine = rows.stream().filter(r -> r[0].equals(entity)).toList();
        assertThat(mine).hasSize(appends);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i)[1]).as("row %d of chain %d follows the row before it", i, chain).isEqualTo(rows.get(i - 1)[2]);
        }
        given().header("Authorization", submitter).when().get("/api/v1/notes/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select hash from audit_chain_head where chain = ?")) {
            ps.setInt(1, chain);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).as("the head is the chain's last row").isEqualTo(rows.get(rows.size() - 1)[2]);
            }
        }
    }

    @Test
    void theDatabaseHashesARowExactlyAsVerificationRecomputesIt() throws SQLException {
        String entity = "hash-" + System.nanoTime();
        given().header("Authorization", Tokens.bearer("RHA", "submitter", "viewer")).when().post("/api/v1/notes/" + entity + "/touch")
                .then().statusCode(204);
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select prev_hash, occurred_at, actor, actor_org, owner_org, entity_type, entity_id, "
                        + "action, reason, hash from audit_event where entity_id = ?")) {
            ps.setString(1, entity);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Instant at = rs.getObject(2, java.time.OffsetDateTime.class).toInstant();
                String expected = AuditTrail.hash(rs.getString(1), at, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9));
                assertThat(rs.getString(9)).as("a missing reason is hashed as NUL").isNull();
                assertThat(rs.getString(10)).isEqualTo(expected);
            }
        }
    }

    /** Entity id, previous hash and hash of every row in the chain, in order. */
    private List<String[]> chainRows(int chain) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select entity_id, prev_hash, hash from audit_event where chain = ? order by seq")) {
            ps.setInt(1, chain);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        return rows;
    }
}
