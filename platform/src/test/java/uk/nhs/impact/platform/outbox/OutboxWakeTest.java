package uk.nhs.impact.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.stack.test.Eventually.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/**
 * A committed write wakes the relay: with its timer an hour apart, the event of a created note still leaves the outbox,
 * so it can only have been sent because the request woke the relay.
 */
@QuarkusTest
@TestProfile(OutboxWakeTest.TimerAnHourApart.class)
class OutboxWakeTest {
    @Inject
    DataSource db;

    @Test
    void aCommittedWriteIsRelayedWithoutWaitingForTheTimer() {
        String noteId = given().header("Authorization", Tokens.bearer("RHA", "submitter", "viewer"))
                .contentType(ContentType.JSON).body(Map.of("text", "wake check", "level", 2))
                .when().post("/api/v1/notes").then().statusCode(201).extract().path("id");

        assertThat(await(Duration.ofSeconds(20), () -> sent(noteId), n -> n == 1L))
                .as("the note's event is marked sent although the relay's timer has not fired").isEqualTo(1L);
    }

    private long sent(String noteId) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from outbox_event where sent_at is not null and payload::text like ?")) {
            ps.setString(1, "%" + noteId + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static class TimerAnHourApart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("impact.outbox.poll-interval", "1h");
        }
    }
}
