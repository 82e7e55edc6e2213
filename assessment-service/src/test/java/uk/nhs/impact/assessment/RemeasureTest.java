package uk.nhs.impact.assessment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

/** Re-measurement: a later assessment moves some questions; progress reports exactly those moves. */
@QuarkusTest
class RemeasureTest {

    @Test
    void progressReportsExactlyTheQuestionsThatMoved() {
        AssessmentApi.Ref first = AssessmentApi.file("RX1", "2023-24", AssessmentApi.byCode(AssessmentApi.SEED_001));
        Map<String, String> later = AssessmentApi.byCode(AssessmentApi.SEED_001);
        later.put("Q01", "DEVELOPING");
        later.put("Q05", "DEVELOPING");
        later.put("Q07", "LEVEL_3");
        later.put("Q10", "STARTING");
        AssessmentApi.Ref second = AssessmentApi.file("RX1", "2024-25", later);

        JsonPath p = AssessmentApi.as("RX1").queryParam("since", first.id())
                .when().get(AssessmentApi.BASE + "/" + second.id() + "/progress").then().statusCode(200).extract().jsonPath();
        assertThat(p.getInt("up")).isEqualTo(3);
        assertThat(p.getInt("down")).isEqualTo(1);
        assertThat(p.getInt("same")).isEqualTo(18);
        assertThat(p.getList("questions.findAll { it.movement == 'UP' }.questionCode", String.class)).containsExactly("Q01", "Q05", "Q07");
        assertThat(p.getList("questions.findAll { it.movement == 'DOWN' }.questionCode", String.class)).containsExactly("Q10");
        assertThat(p.getString("components.find { it.componentCode == 'C1' }.toSummaryLevelCode")).isEqualTo("STARTING");
        assertThat(p.getInt("components.find { it.componentCode == 'C2' }.up")).isEqualTo(2);
        // C2 went from a 2-2 tie (Starting) to 1 Starting, 2 Developing, 1 Level 3: its summary moved up
        assertThat(p.getString("components.find { it.componentCode == 'C2' }.summaryMovement")).isEqualTo("UP");
        assertThat(p.getString("components.find { it.componentCode == 'C3' }.summaryMovement")).isEqualTo("SAME");
        assertThat(p.getList("unmappedFromQuestions")).isEmpty();
    }

    @Test
    void questionsAreMappedAcrossInstrumentVersions() {
        int v2 = publishVersionWithRenamedAndDroppedQuestions();
        AssessmentApi.Ref first = AssessmentApi.file("RTG", "2023-24", AssessmentApi.byCode(AssessmentApi.SEED_001));

        AssessmentApi.Ref second = AssessmentApi.create("RTG", "2024-25", v2);
        Map<String, String> answers = new LinkedHashMap<>(AssessmentApi.byCode(AssessmentApi.SEED_001));
        answers.remove("Q01");
        answers.remove("Q22");
        answers.put("Q01A", "DEVELOPING"); // Q01, renamed in version 2, moved up
        answers.put("Q23", "DEVELOPING"); // new in version 2: no counterpart
        second = AssessmentApi.answer("RTG", second, answers);
        second = AssessmentApi.submit("RTG", AssessmentApi.signOff("RTG", second));

        JsonPath p = AssessmentApi.as("RTG").queryParam("since", first.id())
                .when().get(AssessmentApi.BASE + "/" + second.id() + "/progress").then().statusCode(200).extract().jsonPath();
        assertThat(p.getInt("fromInstrumentVersion")).isEqualTo(1);
        assertThat(p.getInt("toInstrumentVersion")).isEqualTo(v2);
        assertThat(p.getList("questions.findAll { it.movement == 'UP' }.questionCode", String.class)).containsExactly("Q01A");
        assertThat(p.getString("questions.find { it.questionCode == 'Q01A' }.fromQuestionCode")).isEqualTo("Q01");
        assertThat(p.getList("unmappedFromQuestions", String.class)).containsExactly("Q22");
        assertThat(p.getList("unmappedToQuestions", String.class)).containsExactly("Q23");
        assertThat(p.getInt("same")).isEqualTo(20);
    }

    /** Version 2: Q01 becomes Q01A, Q22 is dropped, Q23 is added to C5. */
    static int publishVersionWithRenamedAndDroppedQuestions() {
        String admin = Tokens.bearer("X24", "instrument-admin");
        Map<String, Object> v1 = given().header("Authorization", admin)
                .when().get("/api/v1/assessment-instruments/" + AssessmentApi.INSTRUMENT + "/versions/1")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> questions = new java.util.ArrayList<>((List<Map<String, Object>>) v1.get("questions"));
        questions.removeIf(q -> q.get("code").equals("Q22"));
        questions.replaceAll(q -> {
            if (!q.get("code").equals("Q01")) {
                return q;
            }
            Map<String, Object> renamed = new LinkedHashMap<>(q);
            renamed.put("code", "Q01A");
            return renamed;
        });
        questions.add(Map.of("code", "Q23", "number", 23, "componentCode", "C5", "title", "Improvement in system partnerships",
                "descriptors", Map.of()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("label", "NHS IMPACT self-assessment, revised");
        body.put("levels", ((List<?>) v1.get("levels")).stream().map(l -> {
            Map<?, ?> m = (Map<?, ?>) l;
            return Map.of("code", m.get("code"), "name", m.get("name"), "provisional", m.get("provisional"));
        }).toList());
        body.put("components", v1.get("components"));
        body.put("questions", questions);
        body.put("questionMap", Map.of("Q01", "Q01A"));
        var created = given().header("Authorization", admin).header("Idempotency-Key", "v2-" + System.nanoTime())
                .contentType("application/json").body(body)
                .when().post("/api/v1/assessment-instruments/" + AssessmentApi.INSTRUMENT + "/versions")
                .then().statusCode(201).extract();
        int number = created.path("version");
        given().header("Authorization", admin).header("If-Match", created.header("ETag"))
                .when().post("/api/v1/assessment-instruments/" + AssessmentApi.INSTRUMENT + "/versions/" + number + "/publish")
                .then().statusCode(200);
        return number;
    }
}
