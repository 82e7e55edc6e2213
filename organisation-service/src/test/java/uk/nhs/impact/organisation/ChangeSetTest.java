package uk.nhs.impact.organisation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.Tokens;
import uk.nhs.impact.stack.test.TopicProbe;

/** Loading change sets: who may, what is refused and leaves nothing behind, and what a loaded set does. */
@QuarkusTest
class ChangeSetTest {
    private static final String ORGS = "/api/v1/organisations";

    @Inject
    DataSource db;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private static ExtractableResponse<Response> post(String bearer, String key, Object body) {
        var request = given().header("Authorization", bearer).contentType("application/json").body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post(ChangeSets.PATH).then().extract();
    }

    private static String admin() {
        return Tokens.bearer("X24", "instrument-admin");
    }

    @Test
    void onlyNhsEnglandsAdministratorLoads() {
        String[][] refused = {{"RHA", "submitter", "viewer"}, {"QT1", "icb-oversight"}, {"Y60", "region-analyst"}, {"X24", "national-analyst"},
                {"RHA", "instrument-admin"}, {"QT1", "instrument-admin"}, {"Y60", "instrument-admin"}, {"X24-DIR-MEDICAL", "instrument-admin"}};
        for (String[] caller : refused) {
            var r = post(Tokens.bearer(caller[0], java.util.Arrays.copyOfRange(caller, 1, caller.length)), null, ChangeSets.openTrustIn2099("ZR0LE"));
            assertThat(r.statusCode()).as(String.join(" ", caller)).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        given().contentType("application/json").body(ChangeSets.openTrustIn2099("ZR0LE")).when().post(ChangeSets.PATH).then().statusCode(401);
        given().header("Authorization", admin()).when().get(ORGS + "/ZR0LE").then().statusCode(404);

        var loaded = post(admin(), null, ChangeSets.openTrustIn2099("ZR0LE"));
        assertThat(loaded.statusCode()).as(loaded.asString()).isEqualTo(201);
        assertThat(loaded.header("Location")).contains(ChangeSets.PATH + "/");
        given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(loaded.header("Location")).then().statusCode(200);
        JsonPath trust = given().header("Authorization", admin()).when().get(ORGS + "/ZR0LE").then().statusCode(200).extract().jsonPath();
        assertThat(trust.getString("validFrom")).isEqualTo("2099-01-01");
        assertThat(trust.getList("parents.parent")).containsExactly("QT1");
    }

    @Test
    void aSetThatBreaksTheRulesNamesEachFieldAndStoresNothing() throws SQLException {
        Map<String, Long> before = counts();
        String broken = """
                {"reference": "Broken set", "changes": [
                  {"kind": "MOVE", "odsCode": "RXK", "parent": "QZZ9", "effective": "2027-04-01"},
                  {"kind": "OPEN", "odsCode": "ZBR0K", "level": "TRUST", "trustType": "acute", "parent": "QHL", "effective": "2027-04-01"},
                  {"kind": "MERGE", "odsCode": "QUA", "predecessors": ["RXK"], "effective": "2027-04-01"},
                  {"kind": "CLOSE", "odsCode": "RZZ9", "effective": "2027-04-01"},
                  {"kind": "MOVE", "odsCode": "QHL", "parent": "Y56", "effective": "2020-01-01"}
                ]}""";
        var r = post(admin(), "broken-1", broken);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getList("errors.field", String.class)).contains("changes[0].parent", "changes[1].name", "changes[2].predecessors[0]",
                "changes[3].odsCode", "changes[4].effective");

        var shape = post(admin(), null, """
                {"reference": "", "changes": [{"kind": "SPLIT", "odsCode": "RXK", "level": "WARD", "effective": "2027-04-01"}, {"kind": "CLOSE"}]}""");
        assertThat(shape.statusCode()).isEqualTo(400);
        assertThat(shape.jsonPath().getList("errors.field", String.class)).contains("reference", "changes[0].kind", "changes[0].level",
                "changes[1].odsCode", "changes[1].effective");
        var empty = post(admin(), null, """
                {"reference": "Empty", "changes": []}""");
        assertThat(empty.jsonPath().getList("errors.field", String.class)).containsExactly("changes");

        assertThat(counts()).isEqualTo(before);
        given().header("Authorization", admin()).when().get(ORGS + "/ZBR0K").then().statusCode(404);
    }

    @Test
    void aSecondSetWithTheSameReferenceIsAConflictAndStoresNothing() throws SQLException {
        var first = post(admin(), null, ChangeSets.openTrustIn2099("ZR0LC"));
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        Map<String, Long> before = counts();

        var again = post(admin(), null, Map.of("reference", "New trust ZR0LC", "changes", List.of(Map.of("kind", "OPEN", "odsCode", "ZR0LB",
                "name", "Test trust ZR0LB", "level", "TRUST", "trustType", "community", "parent", "QT1", "effective", "2099-01-01"))));
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");

        // the applied set the platform stored in the same transaction went with the rest
        assertThat(counts()).isEqualTo(before);
        given().header("Authorization", admin()).when().get(ORGS + "/ZR0LB").then().statusCode(404);
    }

    @Test
    void aRealisticSetIsStoredAuditedPublishedOnceAndApplied() throws SQLException {
        Map<String, Long> before = counts();
        var loaded = post(admin(), "april-2027", ChangeSets.APRIL_2027);
        assertThat(loaded.statusCode()).as(loaded.asString()).isEqualTo(201);
        String id = loaded.jsonPath().getString("id");
        assertThat(loaded.header("Location")).endsWith(ChangeSets.PATH + "/" + id);
        assertThat(loaded.jsonPath().getList("changes.kind")).containsExactly("OPEN", "MERGE", "OPEN", "MERGE", "MOVE");

        // a replay of the key answers the same and creates nothing more
        var replay = post(admin(), "april-2027", ChangeSets.APRIL_2027);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.jsonPath().getString("id")).isEqualTo(id);
        Map<String, Long> after = counts();
        for (String table : List.of("change_set", "hierarchy_change_set", "outbox_event", "audit_event")) {
            assertThat(after.get(table) - before.get(table)).as(table).isEqualTo(1);
        }
        assertThat(single("select event_type || ' ' || topic || ' ' || subject from outbox_event where payload ->> 'changeSetId' = '" + id + "'"))
                .isEqualTo(EventTypes.ORGANISATION_HIERARCHY_CHANGED + " " + Topics.ORGANISATION + " X24");
        assertThat(single("select action || ' ' || reason from audit_event where entity_type = 'change-set' and entity_id = '" + id + "'"))
                .isEqualTo("LOADED ICB mergers and trust changes from April 2027");
        var published = TopicProbe.await(kafka, Topics.ORGANISATION, rec -> rec.value().contains(id), 1, Duration.ofSeconds(30));
        assertThat(published).hasSize(1);
        assertThat(published.get(0).key()).isEqualTo("X24");
        // the relay marks it sent once the broker has it
        Eventually.await(Duration.ofSeconds(30), () -> unsent(id), n -> n == 0);

        var reader = given().header("Authorization", Tokens.bearer("RHA", "viewer"));
        assertThat(reader.when().get(ChangeSets.PATH + "/" + id).then().statusCode(200).extract().jsonPath().getString("reference"))
                .isEqualTo("ICB mergers and trust changes from April 2027");
        assertThat(reader.when().get(ChangeSets.PATH + "?limit=500").then().statusCode(200).extract().jsonPath().getList("items.id")).contains(id);

        // the hierarchy after April 2027; today's is as it was
        assertThat(codes("level=icb&parent=Y56&asOf=2027-05-01")).contains("Z9B2Z").doesNotContain("QMJ", "QRV");
        assertThat(codes("level=icb&parent=Y56")).contains("QMJ", "QRV").doesNotContain("Z9B2Z");
        assertThat(codes("parent=Z9B2Z&asOf=2027-05-01")).contains("R1Z9X", "RRV", "RP4", "G6V2S", "R1K", "RYJ", "RKL").doesNotContain("RAL", "RKE");
        assertThat(codes("parent=QMJ")).contains("RAL", "RKE");
        assertThat(codes("parent=QUA&asOf=2027-05-01")).contains("RXK");

        JsonPath rxk = org("RXK");
        assertThat(rxk.getString("parent")).isEqualTo("QHL");
        assertThat(rxk.getList("parents.parent")).containsExactly("QHL", "QUA");
        assertThat(rxk.getList("parents.from")).containsExactly("2022-07-01", "2027-04-01");
        assertThat(rxk.getList("parents.to")).containsExactly("2027-03-31", null);
        assertThat(org("QMJ").getList("successors")).containsExactly(Map.of("odsCode", "Z9B2Z", "effective", "2027-04-01"));
        assertThat(org("QMJ").getString("validTo")).isEqualTo("2027-03-31");
        assertThat(org("Z9B2Z").getList("predecessors.odsCode")).containsExactlyInAnyOrder("QMJ", "QRV");
        assertThat(org("R1Z9X").getList("predecessors.odsCode")).containsExactlyInAnyOrder("RAL", "RKE");
        assertThat(org("RAL").getList("successors.odsCode")).containsExactly("R1Z9X");
    }

    private static List<String> codes(String query) {
        return given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(ORGS + "?limit=500&" + query).then().statusCode(200)
                .extract().jsonPath().getList("items.odsCode");
    }

    private static JsonPath org(String code) {
        return given().header("Authorization", Tokens.bearer("QT1", "icb-oversight")).when().get(ORGS + "/" + code).then().statusCode(200)
                .extract().jsonPath();
    }

    private long unsent(String changeSetId) {
        try {
            return Long.parseLong(single("select count(*) from outbox_event where sent_at is null and payload ->> 'changeSetId' = '" + changeSetId + "'"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (String table : List.of("change_set", "hierarchy_change_set", "outbox_event", "audit_event")) {
            counts.put(table, Long.parseLong(single("select count(*) from " + table)));
        }
        return counts;
    }

    private String single(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            String value = rs.getString(1);
            assertThat(rs.next()).as("one row from " + sql).isFalse();
            return value;
        }
    }
}
