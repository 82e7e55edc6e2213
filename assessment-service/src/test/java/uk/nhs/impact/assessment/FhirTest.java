package uk.nhs.impact.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
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
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.stack.test.TopicProbe;

/**
 * The self-assessment over FHIR, as a FHIR client sees it (HAPI's generic client): the Questionnaire generated from the
 * instrument, seed 001 filed as a completed QuestionnaireResponse and read back through the REST API with its event published,
 * an amendment, the access rule, the version precondition, and invalid responses refused with an OperationOutcome naming the
 * linkId and nothing stored.
 */
@QuarkusTest
class FhirTest {
    private static final String QID = "assessment-nhs-impact-self-assessment-v1";
    private static final String CANONICAL = "https://impact.nhs.uk/fhir/Questionnaire/" + QID + "|1";
    private static final String SYSTEM = "https://impact.nhs.uk/fhir/CodeSystem/" + QID;
    private static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static IGenericClient client(String ods) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient c = FHIR.newRestfulGenericClient(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/fhir");
        c.registerInterceptor(new BearerTokenAuthInterceptor(AssessmentApi.submitter(ods).substring("Bearer ".length())));
        return c;
    }

    @Test
    void theQuestionnaireIsTheInstrument() {
        Questionnaire q = client("RHA").read().resource(Questionnaire.class).withId(QID).execute();
        assertThat(q.getUrl() + "|" + q.getVersion()).isEqualTo(CANONICAL);
        List<Questionnaire.QuestionnaireItemComponent> questions = q.getItem().stream().filter(i -> i.getLinkId().matches("C\\d"))
                .flatMap(c -> c.getItem().stream()).filter(i -> i.getLinkId().matches("Q\\d\\d")).toList();
        assertThat(questions).hasSize(22);
        assertThat(questions).allSatisfy(i -> {
            assertThat(i.getRequired()).isTrue();
            assertThat(i.getAnswerOption()).extracting(o -> o.getValueCoding().getSystem() + "|" + o.getValueCoding().getCode())
                    .containsExactly(SYSTEM + "|STARTING", SYSTEM + "|DEVELOPING", SYSTEM + "|LEVEL_3", SYSTEM + "|LEVEL_4", SYSTEM + "|LEVEL_5");
        });
        assertThat(questions.get(6).getLinkId()).isEqualTo("Q07");
        CodeSystem levels = (CodeSystem) q.getContained().get(0);
        assertThat(levels.getUrl()).isEqualTo(SYSTEM);
        assertThat(levels.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getDisplay).startsWith("Starting", "Developing");

        Bundle found = client("RHA").search().forResource(Questionnaire.class).where(Questionnaire.URL.matches().value(CANONICAL.split("\\|")[0]))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(QID);

        CapabilityStatement cs = client("RHA").capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(cs.getRestFirstRep().getResource()).extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .containsExactly("Questionnaire", "QuestionnaireResponse");
    }

    @Test
    void seed001FiledAsAQuestionnaireResponseIsTheSameReturnAsOverRest() throws Exception {
        String cycle = "fhir-" + Long.toString(System.nanoTime(), 36);
        MethodOutcome created = client("RHA").create().resource(seed001(cycle, QuestionnaireResponseStatus.COMPLETED)).execute();
        assertThat(created.getCreated()).isTrue();
        QuestionnaireResponse filed = (QuestionnaireResponse) created.getResource();
        String id = filed.getIdElement().getIdPart();
        assertThat(id).startsWith("assessment-");
        assertThat(filed.getStatus()).isEqualTo(QuestionnaireResponseStatus.COMPLETED);
        String uuid = id.substring("assessment-".length());

        JsonPath rest = AssessmentApi.as("RHA").when().get(AssessmentApi.BASE + "/" + uuid).then().statusCode(200).extract().jsonPath();
        assertThat(rest.getString("status")).isEqualTo("SUBMITTED");
        assertThat(rest.getString("cycle")).isEqualTo(cycle);
        assertThat(rest.getString("signOff.minuteReference")).isEqualTo("BM/23/114");
        Map<String, String> levels = ((Map<String, Map<String, Object>>) rest.get("answers")).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (String) e.getValue().get("levelCode")));
        assertThat(levels).isEqualTo(AssessmentApi.byCode(AssessmentApi.SEED_001));
        assertThat(levels.values().stream().filter("STARTING"::equals).count()).isEqualTo(16);
        assertThat(levels.values().stream().filter("DEVELOPING"::equals).count()).isEqualTo(6);
        assertThat(rest.getString("answers.Q07.evidence")).isEqualTo("Improvement faculty in place");

        List<ConsumerRecord<String, String>> events = TopicProbe.await(bootstrap, Topics.ASSESSMENT,
                r -> r.value().contains(uuid) && EventTypes.ASSESSMENT_SUBMITTED.equals(TopicProbe.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertThat(events).hasSize(1);
        List<String> audit = AssessmentApi.as("RHA").when().get(AssessmentApi.BASE + "/" + uuid + "/audit").then().statusCode(200)
                .extract().jsonPath().getList("action", String.class);
        assertThat(audit).containsSubsequence("CREATED", "ANSWERS_SAVED", "SIGNED_OFF", "SUBMITTED");

        QuestionnaireResponse read = client("RHA").read().resource(QuestionnaireResponse.class).withId(id).execute();
        assertThat(read.getMeta().getVersionId()).isEqualTo(filed.getMeta().getVersionId());
        assertThat(codes(read)).isEqualTo(levels);

        // another trust: its private return does not exist for it
        assertThatThrownBy(() -> client("R0A").read().resource(QuestionnaireResponse.class).withId(id).execute())
                .isInstanceOf(ResourceNotFoundException.class);

        // an update from a stale version is refused; from the current one, amended, it is a second revision
        QuestionnaireResponse amended = seed001(cycle, QuestionnaireResponseStatus.AMENDED);
        amended.setId(id);
        item(amended, "Q01").getAnswerFirstRep().setValue(new Coding(SYSTEM, "DEVELOPING", null));
        amended.getMeta().setVersionId("0");
        assertThatThrownBy(() -> client("RHA").update().resource(amended).withId(id + "/_history/0").execute())
                .isInstanceOf(PreconditionFailedException.class);
        MethodOutcome updated = client("RHA").update().resource(amended).withId(id + "/_history/" + read.getMeta().getVersionId()).execute();
        QuestionnaireResponse second = (QuestionnaireResponse) updated.getResource();
        assertThat(second.getStatus()).isEqualTo(QuestionnaireResponseStatus.AMENDED);
        JsonPath revised = AssessmentApi.as("RHA").when().get(AssessmentApi.BASE + "/" + uuid).then().statusCode(200).extract().jsonPath();
        assertThat(revised.getInt("revision")).isEqualTo(2);
        assertThat(revised.getString("answers.Q01.levelCode")).isEqualTo("DEVELOPING");

        Bundle mine = client("RHA").search().forResource(QuestionnaireResponse.class)
                .whereMap(Map.of("questionnaire", List.of(CANONICAL), "status", List.of("amended"))).returnBundle(Bundle.class).execute();
        assertThat(mine.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).contains(id);
        // HAPI's typed parameter escapes the bar of url|version (url\|1): the same search
        Bundle typed = client("RHA").search().forResource(QuestionnaireResponse.class).where(QuestionnaireResponse.QUESTIONNAIRE.hasId(CANONICAL))
                .returnBundle(Bundle.class).execute();
        assertThat(typed.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).contains(id);
    }

    @Test
    void anInvalidResponseIsAnOperationOutcomeNamingTheItemAndNothingIsStored() {
        String cycle = "fhir-bad-" + Long.toString(System.nanoTime(), 36);
        QuestionnaireResponse bad = seed001(cycle, QuestionnaireResponseStatus.COMPLETED);
        item(bad, "Q03").getAnswerFirstRep().setValue(new Coding(SYSTEM, "LEVEL_9", null)); // not a level of the scale
        bad.getItem().get(1).getItem().removeIf(i -> i.getLinkId().equals("Q02")); // a required question left out
        bad.getItem().get(1).addItem().setLinkId("Q99").addAnswer().setValue(new StringType("?")); // no such item

        assertThatThrownBy(() -> client("RHA").create().resource(bad).execute()).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            List<String> expressions = issues(e);
            assertThat(expressions).contains("QuestionnaireResponse.repeat(item).where(linkId='Q03').answer[0]",
                    "QuestionnaireResponse.repeat(item).where(linkId='Q02')", "QuestionnaireResponse.repeat(item).where(linkId='Q99')");
        });
        // the service's own rule (a board meeting in the future) comes back naming its item too
        QuestionnaireResponse future = seed001(cycle, QuestionnaireResponseStatus.COMPLETED);
        item(future, "board-meeting-date").getAnswerFirstRep().setValue(new DateType(new Date(System.currentTimeMillis() + 86_400_000L * 30)));
        assertThatThrownBy(() -> client("RHA").create().resource(future).execute()).isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
            assertThat(e.getStatusCode()).isBetween(400, 409);
            assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDiagnostics()).isNotBlank();
        });
        List<String> cycles = AssessmentApi.as("RHA").queryParam("cycle", cycle).when().get(AssessmentApi.BASE).then().statusCode(200)
                .extract().jsonPath().getList("items.cycle", String.class);
        assertThat(cycles).isEmpty();
    }

    private static List<String> issues(BaseServerResponseException e) {
        OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
        return outcome.getIssue().stream().flatMap(i -> i.getExpression().stream()).map(StringType::getValue).toList();
    }

    /** Seed 001 as a FHIR client would file it: 16 questions Starting, 6 Developing, signed off at the board. */
    static QuestionnaireResponse seed001(String cycle, QuestionnaireResponseStatus status) {
        QuestionnaireResponse r = new QuestionnaireResponse();
        r.setQuestionnaire(CANONICAL).setStatus(status).setAuthored(new Date());
        r.setSubject(new Reference().setType("Organization").setIdentifier(new Identifier().setSystem(ODS).setValue("RHA")));
        QuestionnaireResponseItemComponent about = r.addItem().setLinkId("return");
        about.addItem().setLinkId("cycle").addAnswer().setValue(new StringType(cycle));
        about.addItem().setLinkId("reference-date").addAnswer().setValue(new DateType("2023-08-31"));
        Map<Integer, String> seed = AssessmentApi.SEED_001;
        int[][] components = {{1, 4}, {5, 8}, {9, 13}, {14, 18}, {19, 22}};
        for (int c = 0; c < components.length; c++) {
            QuestionnaireResponseItemComponent group = r.addItem().setLinkId("C" + (c + 1));
            for (int q = components[c][0]; q <= components[c][1]; q++) {
                String code = String.format("Q%02d", q);
                group.addItem().setLinkId(code).addAnswer().setValue(new Coding(SYSTEM, seed.get(q), null));
                if (q == 7) {
                    group.addItem().setLinkId("Q07-evidence").addAnswer().setValue(new StringType("Improvement faculty in place"));
                }
            }
        }
        QuestionnaireResponseItemComponent signOff = r.addItem().setLinkId("board-sign-off");
        signOff.addItem().setLinkId("approver-name").addAnswer().setValue(new StringType("Chair of the Board"));
        signOff.addItem().setLinkId("approver-role").addAnswer().setValue(new StringType("Chair"));
        signOff.addItem().setLinkId("board-meeting-date").addAnswer().setValue(new DateType("2023-09-28"));
        signOff.addItem().setLinkId("minute-reference").addAnswer().setValue(new StringType("BM/23/114"));
        return r;
    }

    static QuestionnaireResponseItemComponent item(QuestionnaireResponse r, String linkId) {
        return r.getItem().stream().flatMap(i -> java.util.stream.Stream.concat(java.util.stream.Stream.of(i), i.getItem().stream()))
                .filter(i -> i.getLinkId().equals(linkId)).findFirst().orElseThrow();
    }

    private static Map<String, String> codes(QuestionnaireResponse r) {
        return r.getItem().stream().flatMap(i -> i.getItem().stream()).filter(i -> i.getLinkId().matches("Q\\d\\d"))
                .collect(Collectors.toMap(QuestionnaireResponseItemComponent::getLinkId, i -> i.getAnswerFirstRep().getValueCoding().getCode()));
    }
}
