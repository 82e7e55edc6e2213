package uk.nhs.impact.platform.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.stack.test.Tokens;

@QuarkusTest
class IdempotencyTest {

    private static Map<String, Object> note(String text, int level) {
        return Map.of("text", text, "level", level);
    }

    private static Response post(String key, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer("RHA", "submitter", "viewer"))
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/notes");
    }

    @Test
    void replayReturnsTheFirstResponseAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        Response first = post(key, note("board paper", 2));
        first.then().statusCode(201);

        post(key, note("board paper", 2)).then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .header("ETag", first.header("ETag"))
                .body("id", equalTo(first.path("id")));
    }

    @Test
    void sameKeyWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        post(key, note("one", 2)).then().statusCode(201);
        post(key, note("two", 2)).then().statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void keysOfDifferentOrganisationsDoNotCollide() {
        String key = UUID.randomUUID().toString();
        String mine = post(key, note("same", 1)).then().statusCode(201).extract().path("id");
        String theirs = given().header("Authorization", Tokens.bearer("RX3", "submitter"))
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body(note("same", 1))
                .when().post("/api/v1/notes").then().statusCode(201).extract().path("id");
        assertThat(mine).isNotEqualTo(theirs);
    }

    @Test
    void parallelDuplicatesCreateOneRecord() throws Exception {
        String key = UUID.randomUUID().toString();
        String token = Tokens.bearer("RHA", "submitter", "viewer");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<Response> call = () -> given().header("Authorization", token).header("Idempotency-Key", key)
                        .contentType(ContentType.JSON).body(note("race", 4)).when().post("/api/v1/notes");
                futures.add(pool.submit(call));
            }
            Set<String> ids = new HashSet<>();
            for (Future<Response> f : futures) {
                Response r = f.get();
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
                ids.add(r.path("id"));
            }
            assertThat(ids).as("every duplicate must see the one record created").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
