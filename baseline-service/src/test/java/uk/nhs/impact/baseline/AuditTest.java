package uk.nhs.impact.baseline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** Saving, submitting and amending a return each leave an audit entry, readable by the organisation and administrators. */
@QuarkusTest
class AuditTest {
    @Test
    void theTrailOfAReturn() {
        BaselineApi.openCollection("audit-2023");
        String etag = BaselineApi.file("audit-2023", "RWV", BaselineApi.headline(true, true, false, false));
        etag = BaselineApi.save("audit-2023", "RWV", BaselineApi.headline(true, true, true, false), etag).then().statusCode(200)
                .extract().header("ETag");
        BaselineApi.submit("audit-2023", "RWV", etag).then().statusCode(200);
        String path = BaselineApi.path("audit-2023", "RWV") + "/audit";
        given().header("Authorization", Tokens.bearer("RWV", "viewer")).when().get(path).then().statusCode(200)
                .body("action", contains("DRAFT_CREATED", "SUBMITTED", "DRAFT_SAVED", "AMENDED"))
                .body("[3].reason", equalTo("revision 2"));
        given().header("Authorization", Tokens.bearer("X24", "instrument-admin")).when().get(path).then().statusCode(200);
        given().header("Authorization", Tokens.bearer("QJK", "icb-oversight")).when().get(path).then().statusCode(403);
        given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(path).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("X24", "instrument-admin")).when().get("/api/v1/baseline-collections/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true));
        // instrument-admin counts only at NHS England (X24): elsewhere it opens no trail, not even the organisation's own
        for (String org : new String[]{"RWV", "RHA", "Y60", "X24-DIR-MEDICAL"}) {
            given().header("Authorization", Tokens.bearer(org, "instrument-admin")).when().get(path).then().statusCode(403);
            given().header("Authorization", Tokens.bearer(org, "instrument-admin")).when().get("/api/v1/baseline-collections/audit/verify")
                    .then().statusCode(403);
        }
    }
}
