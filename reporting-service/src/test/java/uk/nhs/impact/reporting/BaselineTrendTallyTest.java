package uk.nhs.impact.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.impact.reporting.BaselineFixtures.org;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.reporting.access.ReportAccessTable;
import uk.nhs.impact.reporting.figures.Figure;
import uk.nhs.impact.reporting.query.Segmentation;
import uk.nhs.impact.reporting.trend.Predecessors;
import uk.nhs.impact.reporting.trend.Trend;
import uk.nhs.impact.reporting.trend.Trends;
import uk.nhs.impact.stack.test.Eventually;
import uk.nhs.impact.stack.test.Tokens;

/**
 * The baseline trend read from the collections' tallies equals the trend counted from every return, in every cell the
 * tallies hold (national and regional areas, each org type, every trust type and each one), for questions answered yes,
 * no, otherwise or not at all; after an amendment that moves a return to another region and trust type, a late older
 * revision, and a rebuild from the topics.
 */
@QuarkusTest
class BaselineTrendTallyTest {
    private static final String QUESTION = "leadership_exec_responsibility";
    private static final List<String> QUESTIONS = List.of(QUESTION, "governance_reporting", "not_asked_anywhere");
    private static final ReportAccessTable.Area NATIONAL = new ReportAccessTable.Area("X24", OrgLevel.NATIONAL);

    @Inject
    Trends trends;
    @Inject
    Pool pool;

    @Test
    void theTalliedTrendEqualsTheTrendCountedFromTheReturns() {
        String p = "tally" + UUID.randomUUID().toString().substring(0, 8);
        String first = p + "-2023";
        String second = p + "-2024";
        Map<String, Object> moved = org(p + "A1", "trust", "acute", "QT1", "Y60");
        List<String> events = new ArrayList<>();
        events.add(BaselineFixtures.submit(first, moved, 1, answers(true)));
        events.add(BaselineFixtures.submit(first, org(p + "A2", "trust", "acute", "QT1", "Y60"), 1, answers(true)));
        events.add(BaselineFixtures.submit(first, org(p + "A3", "trust", "acute", "QT1", "Y60"), 1, answers(false)));
        events.add(BaselineFixtures.submit(first, org(p + "M1", "trust", "mental_health", "QT1", "Y60"), 1, answers(null)));
        events.add(BaselineFixtures.submit(first, org(p + "U1", "trust", null, "QT1", "Y60"), 1, answers("yes")));
        events.add(BaselineFixtures.submit(first, org(p + "B1", "trust", "acute", "QE1", "Y61"), 1, answers(true)));
        events.add(BaselineFixtures.submit(first, org(p + "B2", "trust", "acute", "QE1", "Y61"), 1, answers(false)));
        events.add(BaselineFixtures.submit(first, org(p + "I1", "icb", null, p + "I1", "Y60"), 1, answers(true)));
        events.add(BaselineFixtures.submit(first, org(p + "R1", "region", null, null, "Y60"), 1, answers(false)));
        events.add(BaselineFixtures.submit(second, org(p + "C1", "trust", "community", "QE1", "Y61"), 1, answers(null)));
        events.add(BaselineFixtures.submit(second, org(p + "A2", "trust", "acute", "QT1", "Y60"), 1, answers(false)));
        awaitApplied(events);

        Map<String, List<Trend.Point>> before = assertTalliedEqualsCounted(p);
        assertThat(points(before, QUESTION, NATIONAL, "trust", null)).extracting(Trend.Point::period, Trend.Point::figure)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first, Figure.of(3, 5)),
                        org.assertj.core.groups.Tuple.tuple(second, Figure.of(0, 1)));
        assertThat(points(before, QUESTION, region("Y60"), "trust", "acute")).extracting(Trend.Point::figure)
                .containsExactly(Figure.of(2, 3), Figure.of(0, 1));
        assertThat(points(before, QUESTION, region("Y61"), "trust", "mental_health")).isEmpty();

        // amended: to Y61 as a mental health trust, answering no; then its first revision delivered late, which changes nothing
        Map<String, Object> amended = org(p + "A1", "trust", "mental_health", "QE1", "Y61");
        List<String> later = new ArrayList<>();
        later.add(BaselineFixtures.submit(first, amended, 2, answers(false)));
        later.add(BaselineFixtures.submit(first, moved, 1, answers(true)));
        awaitApplied(later);

        Map<String, List<Trend.Point>> revised = assertTalliedEqualsCounted(p);
        assertThat(points(revised, QUESTION, NATIONAL, "trust", null)).extracting(Trend.Point::figure)
                .containsExactly(Figure.of(2, 5), Figure.of(0, 1));
        assertThat(points(revised, QUESTION, region("Y60"), "trust", "acute")).extracting(Trend.Point::figure)
                .containsExactly(Figure.of(1, 2), Figure.of(0, 1));
        assertThat(points(revised, QUESTION, region("Y61"), "trust", "mental_health")).extracting(Trend.Point::figure)
                .containsExactly(Figure.of(0, 1));

        String admin = Tokens.bearer("X24", "instrument-admin");
        given().header("Authorization", admin).when().post("/api/v1/reports/admin/rebuild").then().statusCode(202);
        var done = Eventually.await(Duration.ofSeconds(120), () -> given().header("Authorization", admin)
                .get("/api/v1/reports/admin/rebuild").jsonPath(), r -> !"RUNNING".equals(r.getString("state")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("DONE");

        assertThat(assertTalliedEqualsCounted(p)).as("after a rebuild").isEqualTo(revised);
    }

    /** Every cell's trend from the tallies and from the returns, for the test's collections: equal; answers them by cell. */
    private Map<String, List<Trend.Point>> assertTalliedEqualsCounted(String p) {
        Map<String, List<Trend.Point>> out = new LinkedHashMap<>();
        for (String question : QUESTIONS) {
            for (ReportAccessTable.Area area : List.of(NATIONAL, region("Y60"), region("Y61"))) {
                for (String orgType : List.of("trust", "icb", "region")) {
                    for (String trustType : new String[]{null, "acute", "mental_health", "community"}) {
                        Segmentation seg = new Segmentation(area, orgType, trustType, null, LocalDate.now());
                        List<Trend.Point> tallied = ours(trends.baseline(question, orgType, seg, Predecessors.AS_FILED).await()
                                .atMost(Duration.ofSeconds(10)), p);
                        List<Trend.Point> counted = ours(trends.baselineFromReturns(question, orgType, seg).await().atMost(Duration.ofSeconds(10)), p);
                        String cell = key(question, area, orgType, trustType);
                        assertThat(tallied).as(cell).isEqualTo(counted);
                        out.put(cell, tallied);
                    }
                }
            }
        }
        assertThat(out.values().stream().filter(l -> !l.isEmpty()).count()).as("cells with points").isGreaterThan(20);
        return out;
    }

    private static List<Trend.Point> points(Map<String, List<Trend.Point>> cells, String question, ReportAccessTable.Area area,
            String orgType, String trustType) {
        return cells.get(key(question, area, orgType, trustType));
    }

    private static String key(String question, ReportAccessTable.Area area, String orgType, String trustType) {
        return question + "|" + area.code() + "|" + orgType + "|" + trustType;
    }

    private static List<Trend.Point> ours(Trend trend, String p) {
        return trend.points().stream().filter(point -> point.period().startsWith(p + "-")).toList();
    }

    private static ReportAccessTable.Area region(String code) {
        return new ReportAccessTable.Area(code, OrgLevel.REGION);
    }

    /** Answers with {@link #QUESTION} set to {@code value} (left out when null) and governance reporting its opposite. */
    private static Map<String, Object> answers(Object value) {
        Map<String, Object> a = new LinkedHashMap<>();
        if (value != null) {
            a.put(QUESTION, value);
        }
        a.put("governance_reporting", !Boolean.TRUE.equals(value));
        a.put("tools_methods_used", List.of("QSIR"));
        return a;
    }

    private void awaitApplied(List<String> eventIds) {
        Eventually.await(Duration.ofSeconds(30), () -> pool.preparedQuery(
                "select count(*) from processed_event where consumer = 'reporting' and event_id = any($1)")
                .execute(Tuple.of(eventIds.toArray(String[]::new))).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0),
                n -> n == eventIds.size());
    }
}
