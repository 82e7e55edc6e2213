package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hierarchy change set loaded through the gateway with the realm's own users is applied by the organisation service and,
 * through its event and with no restart, by the other services: two ICBs merging, a trust merger and a trust moving ICB,
 * all from 1 April 2027.
 */
@ExtendWith(SharedStack.class)
@Order(14)
class OrganisationsIT {
    private static final String ORGS = "/api/v1/organisations";
    private static final String CHANGE_SETS = ORGS + "/change-sets";
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final Map<String, Object> APRIL_2027 = Map.of("reference", "ICB mergers and trust changes from April 2027", "changes", List.of(
            Map.of("kind", "OPEN", "odsCode", "Z9B2Z", "name", "NHS West and North London ICB", "level", "ICB", "parent", "Y56", "effective", "2027-04-01"),
            Map.of("kind", "MERGE", "odsCode", "Z9B2Z", "predecessors", List.of("QMJ", "QRV"), "effective", "2027-04-01"),
            Map.of("kind", "OPEN", "odsCode", "R1Z9X", "name", "Royal Free and Whittington NHS Foundation Trust", "level", "TRUST", "trustType", "acute",
                    "parent", "Z9B2Z", "effective", "2027-04-01"),
            Map.of("kind", "MERGE", "odsCode", "R1Z9X", "predecessors", List.of("RAL", "RKE"), "effective", "2027-04-01"),
            Map.of("kind", "MOVE", "odsCode", "RXK", "parent", "QUA", "effective", "2027-04-01")));

    @BeforeAll
    static void start() throws Exception {
        SharedStack.stack();
        RestAssured.baseURI = RunningStack.GATEWAY;
    }

    @Test
    void aChangeSetLoadedThroughTheGatewayReachesEveryServiceWithoutARestart() {
        String admin = "Bearer " + DemoTokens.user("instrument.admin", "dev-only-Admin-1");
        String trust = "Bearer " + DemoTokens.user("trust.lead", "dev-only-Trust-1");
        String analyst = "Bearer " + DemoTokens.user("national.analyst", "dev-only-National-1");

        given().header("Authorization", trust).contentType("application/json").header("Idempotency-Key", "orgs-trust-" + RUN).body(APRIL_2027)
                .when().post(CHANGE_SETS).then().statusCode(403).contentType("application/problem+json");
        boolean loadedByAnEarlierRun = given().header("Authorization", trust).when().get(ORGS + "/Z9B2Z").statusCode() == 200;
        Response loaded = given().header("Authorization", admin).contentType("application/json").header("Idempotency-Key", "orgs-" + RUN)
                .body(APRIL_2027).when().post(CHANGE_SETS);
        if (loadedByAnEarlierRun) {
            // the stack keeps its data between runs (.stack-data): a code is never reused, so the same set is refused now
            assertThat(loaded.statusCode()).as(loaded.asString()).isEqualTo(400);
            assertThat(loaded.jsonPath().getList("errors.field", String.class)).contains("changes[0].odsCode");
        } else {
            assertThat(loaded.statusCode()).as(loaded.asString()).isEqualTo(201);
            given().header("Authorization", trust).when().get(loaded.header("Location")).then().statusCode(200);
        }

        // the organisation service shows it: the instance that took it at once, the other once it has read the event (every
        // instance keeps the hierarchy in memory and applies change sets from the topic), so look until both do
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!(codes(trust, "level=icb&parent=Y56&asOf=2027-05-01").contains("Z9B2Z")
                && codes(trust, "level=icb&parent=Y56&asOf=2027-05-01").contains("Z9B2Z")) && System.nanoTime() < deadline) {
            sleep(200);
        }
        assertThat(codes(trust, "level=icb&parent=Y56&asOf=2027-05-01")).contains("Z9B2Z").doesNotContain("QMJ", "QRV");
        assertThat(codes(trust, "level=icb&parent=Y56")).contains("QMJ", "QRV").doesNotContain("Z9B2Z");
        List<String> merged = codes(trust, "parent=Z9B2Z&asOf=2027-05-01");
        assertThat(merged).contains("R1Z9X", "RRV", "RP4", "R1K", "RYJ").doesNotContain("RAL", "RKE");
        JsonPath rxk = given().header("Authorization", trust).when().get(ORGS + "/RXK").then().statusCode(200).extract().jsonPath();
        assertThat(rxk.getString("parent")).isEqualTo("QHL");
        assertThat(rxk.getList("parents.parent")).containsExactly("QHL", "QUA");
        assertThat(rxk.getList("parents.from")).containsExactly("2022-07-01", "2027-04-01");
        JsonPath qmj = given().header("Authorization", trust).when().get(ORGS + "/QMJ").then().statusCode(200).extract().jsonPath();
        assertThat(qmj.getList("successors.odsCode")).containsExactly("Z9B2Z");

        // the baseline service, which read the event, expects the merged ICB's trusts in a collection for May 2027
        String collection = "orgs-" + RUN;
        given().header("Authorization", admin).contentType("application/json")
                .body(Map.of("id", collection, "name", "Baseline May 2027", "referenceDate", "2027-05-01", "opensAt", Instant.now().minusSeconds(60).toString(),
                        "closesAt", Instant.now().plusSeconds(86400).toString()))
                .when().post("/api/v1/baseline-collections").then().statusCode(201);
        String completeness = "/api/v1/baseline-collections/" + collection + "/completeness?area=Z9B2Z";
        Response expected = awaitOk(analyst, completeness);
        List<String> organisations = expected.jsonPath().getList("organisations.odsCode");
        assertThat(organisations).containsAll(merged.stream().filter(code -> !code.equals("Z9B2Z")).toList()).doesNotContain("RAL", "RKE", "RXK");
        assertThat(expected.jsonPath().getList("organisations.findAll { it.orgType == 'trust' }.icbOdsCode", String.class)).containsOnly("Z9B2Z");
        SuiteSummary.record("Hierarchy change set (through the gateway)", String.format("%s; the merged ICB Z9B2Z holds %d trusts on 2027-05-01 in the "
                + "organisation service and %d organisations in the baseline service's completeness",
                loadedByAnEarlierRun
                        ? "loaded by an earlier run on this data, refused again"
                        : "loaded once",
                merged.size(), organisations.size()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> codes(String bearer, String query) {
        return given().header("Authorization", bearer).when().get(ORGS + "?limit=500&" + query).then().statusCode(200).extract().jsonPath()
                .getList("items.odsCode");
    }

    /** The view once the service has applied the change set from its event: until then the area is unknown to it (404). */
    private static Response awaitOk(String bearer, String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response r = given().header("Authorization", bearer).when().get(path);
        while (r.statusCode() != 200 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            r = given().header("Authorization", bearer).when().get(path);
        }
        assertThat(r.statusCode()).as(path + ": " + r.asString()).isEqualTo(200);
        return r;
    }
}
