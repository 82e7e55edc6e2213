package uk.nhs.impact.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.reporting.BaselineFixtures.org;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.Tokens;

/**
 * A provider's own position against its peers. RHA (a mental health trust in ICB QT1, region Y60) files seed 001's levels
 * and shares with its ICB. Three other mental health trusts share nationally at Developing; a fourth shares only with its
 * region, so it is no national peer. In QT1 one peer shares nationally and one with the ICB: the trust itself sees one
 * peer, too few to show; the ICB's overseers may read both one by one.
 */
@QuarkusTest
class PositionReportTest {
    private static final String CYCLE = "2023-24-position";
    private static final OrganisationHierarchy H = OrganisationHierarchy.loadBundled();
    private static final LocalDate REF = LocalDate.of(2023, 9, 30);
    private static boolean loaded;

    @BeforeEach
    void publishOnce() {
        if (loaded) {
            return;
        }
        AssessmentFixtures.submitted("p-rha", CYCLE, org("RHA", "trust", "mental_health", "QT1", "Y60"), 1, "ICB", AssessmentFixtures.seed001());
        List<Organisation> mentalHealth = H.all(OrgLevel.TRUST, REF).stream()
                .filter(o -> "mental_health".equals(o.trustType()) && !o.odsCode().equals("RHA"))
                .sorted(Comparator.comparing(Organisation::odsCode)).limit(4).toList();
        for (int i = 0; i < 4; i++) {
            Organisation o = mentalHealth.get(i);
            AssessmentFixtures.submitted("p-peer-" + i, CYCLE, org(o.odsCode(), "trust", "mental_health",
                    H.icbOf(o.odsCode(), REF).orElseThrow(), H.regionOf(o.odsCode(), REF).orElseThrow()), 1, i < 3 ? "NATIONAL" : "REGION",
                    AssessmentFixtures.allAt(2));
        }
        AssessmentFixtures.submitted("p-rx1", CYCLE, org("RX1", "trust", "acute", "QT1", "Y60"), 1, "NATIONAL", AssessmentFixtures.allAt(1));
        AssessmentFixtures.submitted("p-rk5", CYCLE, org("RK5", "trust", "acute", "QT1", "Y60"), 1, "ICB", AssessmentFixtures.allAt(3));
        Eventually.await(Duration.ofSeconds(30), () -> given().header("Authorization", Tokens.bearer("QT1", "icb-oversight"))
                .queryParam("area", "QT1").get("/api/v1/reports/self-assessment/" + CYCLE + "/distribution").jsonPath().getInt("organisations"),
                n -> n == 3);
        loaded = true;
    }

    private static JsonPath position(String bearer, String peers) {
        return given().header("Authorization", bearer).queryParam("peers", peers)
                .when().get("/api/v1/reports/self-assessment/" + CYCLE + "/position/RHA").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void againstNationalPeersOfTheSameTrustType() {
        JsonPath p = position(Tokens.bearer("RHA", "viewer"), "trust_type");
        assertThat(p.getString("peerGroupCode")).isEqualTo("mental_health");
        assertThat(p.getInt("peers")).as("the peer sharing only with its region is no national peer").isEqualTo(3);
        assertThat(p.getList("questions.findAll { it.position == 'BELOW' }").size()).isEqualTo(16);
        assertThat(p.getList("questions.findAll { it.position == 'AT' }").size()).isEqualTo(6);
        assertThat(p.getInt("questions.find { it.code == 'Q7' }.own")).isEqualTo(1);
        assertThat(p.getInt("questions.find { it.code == 'Q6' }.peerDistribution.median")).isEqualTo(2);
        assertThat(p.getList("questions.find { it.code == 'Q1' }.peerDistribution.levels.figure.numerator", Integer.class)).isEqualTo(List.of(3));
        assertThat(p.getString("components.find { it.code == 'C2' }.position")).as("a 2-2 tie has median 1.5, below 2").isEqualTo("BELOW");
        assertThat(p.getFloat("components.find { it.code == 'C2' }.own")).isEqualTo(1.5f);
    }

    @Test
    void tooFewIcbPeersAreSuppressedButCounted() {
        // A trust is no ICB overseer: of its ICB peers only the one shared nationally counts, and it may not read it.
        JsonPath p = position(Tokens.bearer("RHA", "viewer"), "icb");
        assertThat(p.getInt("peers")).isEqualTo(1);
        assertThat(p.getBoolean("suppressed")).isTrue();
        assertThat(p.getString("suppressionReason").contains("3")).isTrue();
        assertThat(p.getList("questions[0].peerDistribution.levels")).isEqualTo(List.of());
        assertThat((Object) p.get("questions[0].position")).isNull();
    }

    @Test
    void theIcbSeesPeersItMayReadOneByOne() {
        JsonPath p = position(Tokens.bearer("QT1", "icb-oversight"), "icb");
        assertThat(p.getInt("peers")).isEqualTo(2);
        assertThat(p.getBoolean("suppressed")).isFalse();
        assertThat(p.getList("questions.find { it.code == 'Q1' }.peerDistribution.levels.level", Integer.class)).isEqualTo(List.of(1, 3));
    }

    @ParameterizedTest(name = "{0} as {1} reads RHA''s position -> {2}")
    @CsvSource({
            "RHA, viewer,           200",
            "QT1, icb-oversight,    200",
            "Y60, region-analyst,   404",
            "X24, national-analyst, 404",
            "RX1, viewer,           404",
    })
    void onlyAsFarAsShared(String org, String role, int status) {
        given().header("Authorization", Tokens.bearer(org, role)).when()
                .get("/api/v1/reports/self-assessment/" + CYCLE + "/position/RHA").then().statusCode(status);
    }

    @Test
    void csvCarriesTheSameNumbers() {
        String csv = given().header("Authorization", Tokens.bearer("RHA", "viewer")).accept("text/csv")
                .when().get("/api/v1/reports/self-assessment/" + CYCLE + "/position/RHA").then().statusCode(200).extract().asString().replace("\uFEFF", "");
        assertThat(csv.startsWith("cycle,ods_code,peer_group,peer_group_code,peers,grouping,code,component,own_level,peer_median,position")).as(csv).isTrue();
        assertThat(csv.contains(CYCLE + ",RHA,trust_type,mental_health,3,question,Q1,C1,1,2,BELOW,2,3,3,100,false,")).as(csv).isTrue();
    }
}
