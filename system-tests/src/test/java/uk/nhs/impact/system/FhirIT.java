package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A FHIR client (HAPI's generic client) on the running system, through the gateway's one FHIR base: it reads the
 * CapabilityStatement, fetches the self-assessment's Questionnaire, files seed 001 (16 Starting, 6 Developing) as a completed
 * QuestionnaireResponse, reads it back through the REST API, shares it there and sees it counted in the national view; an
 * invalid response is an OperationOutcome naming the linkId, and nothing is stored.
 */
@ExtendWith(SharedStack.class)
@Order(2)
class FhirIT {
    private static final String QID = "assessment-nhs-impact-self-assessment-v1";
    private static final String CANONICAL = "https://impact.nhs.uk/fhir/Questionnaire/" + QID + "|1";
    private static final String SYSTEM = "https://impact.nhs.uk/fhir/CodeSystem/" + QID;
    private static final List<Integer> DEVELOPING = List.of(7, 8, 10, 11, 19, 20);
    private static final int[][] COMPONENTS = {{1, 4}, {5, 8}, {9, 13}, {14, 18}, {19, 22}};

    @BeforeAll
    static void stack() throws Exception {
        SharedStack.stack();
        RestAssured.baseURI = RunningStack.GATEWAY;
    }

    private static IGenericClient client(String bearer) {
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        // a service instance's first FHIR request builds HAPI's model (seconds of CPU on a busy 2-core machine): HAPI's
        // default 10 s read timeout is too short for that while the whole stack shares the cores
        fhir.getRestfulClientFactory().setSocketTimeout(60_000);
        IGenericClient client = fhir.newRestfulGenericClient(RunningStack.GATEWAY + "/api/v1/fhir");
        if (bearer != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(bearer));
        }
        return client;
    }

    @Test
    void aFhirClientFilesSeed001AndItIsCountedOnceShared() {
        String trust = DemoTokens.user("trust.lead", "dev-only-Trust-1");
        IGenericClient fhir = client(trust);

        CapabilityStatement cs = fhir.capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThatThrownBy(() -> client(null).capabilities().ofType(CapabilityStatement.class).execute())
                .isInstanceOf(AuthenticationException.class);

        Questionnaire q = fhir.read().resource(Questionnaire.class).withId(QID).execute();
        assertThat(q.getUrl() + "|" + q.getVersion()).isEqualTo(CANONICAL);
        assertThat(q.getItem().stream().flatMap(i -> i.getItem().stream()).filter(i -> i.getLinkId().matches("Q\\d\\d")).count()).isEqualTo(22);

        String cycle = "fhir-" + Long.toString(System.currentTimeMillis(), 36);
        MethodOutcome created = fhir.create().resource(seed001(cycle)).execute();
        QuestionnaireResponse filed = (QuestionnaireResponse) created.getResource();
        assertThat(filed.getStatus()).isEqualTo(QuestionnaireResponseStatus.COMPLETED);
        String id = filed.getIdElement().getIdPart().substring("assessment-".length());

        // the same return through the REST API: submitted, seed 001's levels
        String bearer = "Bearer " + trust;
        String etag = given().header("Authorization", bearer).when().get("/api/v1/assessments/" + id + "/results").then().statusCode(200)
                .body("overall.find { it.levelCode == 'STARTING' }.count", equalTo(16))
                .body("overall.find { it.levelCode == 'DEVELOPING' }.count", equalTo(6)).extract().header("ETag");
        etag = given().header("Authorization", bearer).when().get("/api/v1/assessments/" + id).then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).extract().header("ETag");
        given().header("Authorization", bearer).header("If-Match", etag).contentType("application/json").body("""
                {"level":"NATIONAL"}""").when().put("/api/v1/assessments/" + id + "/sharing").then().statusCode(200);

        String analyst = "Bearer " + DemoTokens.user("national.analyst", "dev-only-National-1");
        String view = "/api/v1/reports/self-assessment/" + cycle + "/distribution";
        awaitBody(analyst, view, "\"organisations\":1");
        given().header("Authorization", analyst).when().get(view).then().statusCode(200).body("organisations", equalTo(1))
                .body("components.find { it.code == 'C1' }.distribution.levels[0].figure.numerator", equalTo(4))
                .body("components.find { it.code == 'C2' }.distribution.levels[1].figure.numerator", equalTo(2));

        // read back over FHIR by another instance or the same: the shared, submitted return
        QuestionnaireResponse read = fhir.read().resource(QuestionnaireResponse.class).withId(filed.getIdElement().getIdPart()).execute();
        assertThat(read.getStatus()).isEqualTo(QuestionnaireResponseStatus.COMPLETED);
    }

    @Test
    void anInvalidResponseThroughTheGatewayIsAnOperationOutcomeAndNothingIsStored() {
        String trust = DemoTokens.user("trust.lead", "dev-only-Trust-1");
        String cycle = "fhir-bad-" + Long.toString(System.currentTimeMillis(), 36);
        QuestionnaireResponse bad = seed001(cycle);
        bad.getItem().get(1).getItem().get(0).getAnswerFirstRep().setValue(new Coding(SYSTEM, "EXCELLENT", null));
        assertThatThrownBy(() -> client(trust).create().resource(bad).execute()).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
            assertThat(outcome.getIssue()).extracting(i -> i.getExpression().get(0).getValue())
                    .containsExactly("QuestionnaireResponse.repeat(item).where(linkId='Q01').answer[0]");
        });
        given().header("Authorization", "Bearer " + trust).queryParam("cycle", cycle).when().get("/api/v1/assessments").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    /** Seed 001 as a trust's system would file it: 16 questions Starting, 6 Developing, signed off at the board. */
    private static QuestionnaireResponse seed001(String cycle) {
        QuestionnaireResponse r = new QuestionnaireResponse();
        r.setQuestionnaire(CANONICAL).setStatus(QuestionnaireResponseStatus.COMPLETED).setAuthored(new Date());
        r.setSubject(new Reference().setType("Organization")
                .setIdentifier(new Identifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue("RHA")));
        QuestionnaireResponseItemComponent about = r.addItem().setLinkId("return");
        about.addItem().setLinkId("cycle").addAnswer().setValue(new StringType(cycle));
        about.addItem().setLinkId("reference-date").addAnswer().setValue(new DateType("2023-08-31"));
        for (int c = 0; c < COMPONENTS.length; c++) {
            QuestionnaireResponseItemComponent group = r.addItem().setLinkId("C" + (c + 1));
            for (int n = COMPONENTS[c][0]; n <= COMPONENTS[c][1]; n++) {
                group.addItem().setLinkId(String.format("Q%02d", n)).addAnswer()
                        .setValue(new Coding(SYSTEM, DEVELOPING.contains(n) ? "DEVELOPING" : "STARTING", null));
            }
        }
        QuestionnaireResponseItemComponent signOff = r.addItem().setLinkId("board-sign-off");
        Map.of("approver-name", "Chair of the Board", "approver-role", "Chair", "minute-reference", "BM/23/114")
                .forEach((linkId, value) -> signOff.addItem().setLinkId(linkId).addAnswer().setValue(new StringType(value)));
        signOff.addItem().setLinkId("board-meeting-date").addAnswer().setValue(new DateType("2023-09-28"));
        return r;
    }

    private static void awaitBody(String bearer, String path, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            var response = given().header("Authorization", bearer).when().get(path).then().extract();
            body = response.body().asString();
            if (response.statusCode() == 200 && body.contains(expected)) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError(path + " never showed " + expected + ": " + body);
    }
}
