package uk.nhs.impact.baseline;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.impact.stack.test.Tokens;

/** Who may read and write RHA's return (Nottinghamshire Healthcare: ICB QT1, region Y60), and see completeness. */
@QuarkusTest
class AccessMatrixTest {
    private static final String COLLECTION = "access-2023";
    private static boolean filed;

    @BeforeEach
    void fileOnce() {
        if (!filed) {
            BaselineApi.openCollection(COLLECTION);
            BaselineApi.file(COLLECTION, "RHA", BaselineApi.headline(true, true, true, false));
            filed = true;
        }
    }

    @ParameterizedTest(name = "{0} as {1} reads RHA's return -> {2}")
    @CsvSource({
            "RHA, viewer,           200",
            "RHA, submitter,        200",
            "RX1, viewer,           404",
            "QT1, icb-oversight,    200",
            "QT1, viewer,           404",
            "QUA, icb-oversight,    404",
            "Y60, region-analyst,   200",
            "Y56, region-analyst,   404",
            "X24, national-analyst, 200",
            "X24, instrument-admin, 404",
    })
    void readReturn(String org, String role, int status) {
        given().header("Authorization", Tokens.bearer(org, role)).when().get(BaselineApi.path(COLLECTION, "RHA"))
                .then().statusCode(status);
    }

    @ParameterizedTest(name = "{0} as {1} changes RHA's return -> {2}")
    @CsvSource({
            "RHA, viewer,           403",
            "RX1, submitter,        404",
            "QT1, submitter,        404",
            "QT1, icb-oversight,    403",
            "X24, national-analyst, 403",
    })
    void writeReturn(String org, String role, int status) {
        given().header("Authorization", Tokens.bearer(org, role)).header("If-Match", "*").contentType("application/json")
                .body(BaselineApi.headline(false, false, false, false))
                .when().put(BaselineApi.path(COLLECTION, "RHA")).then().statusCode(status);
    }

    @ParameterizedTest(name = "{0} as {1} sees completeness of {2} -> {3}")
    @CsvSource({
            "QT1, icb-oversight,    QT1, 200",
            "QT1, icb-oversight,    Y60, 404",
            "Y60, region-analyst,   Y60, 200",
            "Y60, region-analyst,   QT1, 200",
            "Y60, region-analyst,   Y56, 404",
            "X24, national-analyst, X24, 200",
            "RHA, viewer,           RHA, 404",
    })
    void completeness(String org, String role, String area, int status) {
        given().header("Authorization", Tokens.bearer(org, role)).queryParam("area", area)
                .when().get("/api/v1/baseline-collections/" + COLLECTION + "/completeness").then().statusCode(status);
    }

    @org.junit.jupiter.api.Test
    void noTokenIsA401() {
        given().when().get(BaselineApi.path(COLLECTION, "RHA")).then().statusCode(401).contentType("application/problem+json");
    }
}
