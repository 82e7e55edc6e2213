package uk.nhs.impact.organisation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** The organisations API over today's bundled hierarchy: filters, dates, search, paging and refusals. */
@QuarkusTest
class OrganisationsApiTest {
    static final String ORGS = "/api/v1/organisations";

    static RequestSpecification asTrust() {
        return given().header("Authorization", Tokens.bearer("RHA", "viewer"));
    }

    private static JsonPath list(String query) {
        return asTrust().when().get(ORGS + "?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> codes(String query) {
        return list(query).getList("items.odsCode");
    }

    @Test
    void theRegionsUnderNhsEngland() {
        JsonPath page = list("level=region");
        assertThat(page.getList("items.odsCode", String.class)).containsExactly("Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63");
        assertThat(page.getList("items.parent", String.class)).containsOnly("X24");
        assertThat(page.getString("next")).isNull();
    }

    @Test
    void theIcbsOfARegionAndTheTrustsOfAnIcbByType() {
        assertThat(codes("level=icb&parent=Y60")).contains("QHL", "QUA", "QT1").allSatisfy(c -> assertThat(c).startsWith("Q"));
        assertThat(codes("parent=QHL&type=acute")).containsExactly("RRK", "RXK");
        assertThat(codes("parent=qhl&type=community")).containsExactly("RYW");
        JsonPath rxk = list("level=trust&q=sandwell");
        assertThat(rxk.getList("items.odsCode", String.class)).containsExactly("RXK");
        assertThat(rxk.getString("items[0].trustType")).isEqualTo("acute");
        assertThat(rxk.getString("items[0].level")).isEqualTo("trust");
    }

    @Test
    void aClosedTrustAppearsOnlyWhileOpen() {
        assertThat(codes("parent=QMJ&asOf=2024-01-01")).contains("RRP").doesNotContain("G6V2S");
        assertThat(codes("parent=QMJ")).contains("G6V2S").doesNotContain("RRP");
        assertThat(codes("level=trust&q=HARINGEY&asOf=2024-10-31")).containsExactly("RRP");
        assertThat(codes("level=trust&q=haringey&asOf=2024-11-01")).isEmpty();
    }

    @Test
    void pagesFollowOdsCodeOrderWithoutGapsOrRepeats() {
        List<String> all = codes("level=trust&limit=500");
        assertThat(all).hasSizeGreaterThan(100).isSorted().doesNotHaveDuplicates();
        List<String> paged = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonPath page = list("level=trust&limit=37" + (after == null ? "" : "&after=" + after));
            paged.addAll(page.getList("items.odsCode"));
            after = page.getString("next");
            pages++;
        } while (after != null);
        assertThat(paged).isEqualTo(all);
        assertThat(pages).isEqualTo((all.size() + 36) / 37);
    }

    @Test
    void oneTrustWithItsParentAndAnEtag() {
        var r = asTrust().when().get(ORGS + "/rxk").then().statusCode(200).extract();
        assertThat(r.header("ETag")).isNotBlank();
        JsonPath o = r.jsonPath();
        assertThat(o.getString("odsCode")).isEqualTo("RXK");
        assertThat(o.getString("name")).isEqualTo("SANDWELL AND WEST BIRMINGHAM HOSPITALS NHS TRUST");
        assertThat(o.getString("parent")).isEqualTo("QHL");
        assertThat(o.getString("validFrom")).isEqualTo("2002-04-01");
        assertThat(o.getString("validTo")).isNull();
        assertThat(asTrust().when().get(ORGS + "/RRP").then().statusCode(200).extract().jsonPath().getString("validTo")).isEqualTo("2024-10-31");
    }

    @Test
    void anUnknownCodeIsNotFound() {
        asTrust().when().get(ORGS + "/RZZ9").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badParametersAreNamed() {
        for (String[] bad : new String[][]{{"level=ward", "level"}, {"type=dental", "type"}, {"asOf=2024-02-30", "asOf"},
                {"asOf=yesterday", "asOf"}, {"limit=0", "limit"}, {"limit=501", "limit"}, {"after=%25%25", "after"},
                {"parent=Q%3BX", "parent"}}) {
            List<String> fields = asTrust().when().get(ORGS + "?" + bad[0]).then().statusCode(400).contentType("application/problem+json")
                    .extract().jsonPath().getList("errors.field");
            assertThat(fields).as(bad[0]).anySatisfy(f -> assertThat(f).endsWith(bad[1]));
        }
    }

    @Test
    void everyAuthenticatedCallerReadsAndNobodyElse() {
        for (String[] caller : new String[][]{{"RHA", "submitter"}, {"QT1", "icb-oversight"}, {"Y60", "region-analyst"},
                {"X24", "national-analyst"}, {"X24", "instrument-admin"}, {"X24-DIR-MEDICAL", "viewer"}}) {
            given().header("Authorization", Tokens.bearer(caller[0], caller[1])).when().get(ORGS + "?level=region").then().statusCode(200);
            given().header("Authorization", Tokens.bearer(caller[0], caller[1])).when().get(ORGS + "/QHL").then().statusCode(200);
        }
        given().when().get(ORGS).then().statusCode(401);
        given().when().get(ORGS + "/QHL").then().statusCode(401);
    }
}
