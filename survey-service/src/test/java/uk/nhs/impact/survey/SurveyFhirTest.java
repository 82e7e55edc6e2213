package uk.nhs.impact.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.contracts.Topics;
import uk.nhs.impact.platform.fhir.Fhir;
import uk.nhs.impact.platform.fhir.ResponseCheck;
import uk.nhs.impact.platform.fhir.Responses;
import uk.nhs.impact.stack.test.Tokens;
import uk.nhs.impact.stack.test.TopicProbe;

/**
 * The survey over FHIR R4 as a FHIR client sees it (HAPI's generic client), against the real servers: the Questionnaire
 * generated from the definition; a completed QuestionnaireResponse filed and seen through the REST API with its event; the
 * access rule, the version precondition, an amendment, a draft and paged search; and invalid responses refused with an
 * OperationOutcome naming the linkId, nothing stored.
 */
@QuarkusTest
class SurveyFhirTest {
    private static final String BASE = "/api/v1/fhir";
    private static final String Q_ID = "survey-nhsp-improvement-survey-2023-v1";
    private static final String Q_URL = Fhir.questionnaireUrl(Q_ID);
    private static final String SYSTEM = Fhir.codeSystemUrl(Q_ID);
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Inject
    DataSource db;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static IGenericClient client(String ods, String... roles) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient c = FHIR.newRestfulGenericClient(base());
        c.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.forOrg(ods, roles)));
        return c;
    }

    private static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port + BASE;
    }

    @Test
    void theQuestionnaireMirrorsTheSurveyDefinition() {
        Questionnaire q = client("RNA", "viewer").read().resource(Questionnaire.class).withId(Q_ID).execute();
        assertThat(q.getUrl()).isEqualTo(Q_URL);
        assertThat(q.getVersion()).isEqualTo("1");
        assertThat(q.getStatus().toCode()).isEqualTo("active");
        assertThat(q.getSubjectType()).extracting(t -> t.getValue()).containsExactly("Organization");

        List<Map<String, Object>> questions = given().header("Authorization", Tokens.bearer("RNA", "viewer"))
                .when().get("/api/v1/survey-instruments/" + SurveyApi.SURVEY + "/versions/1").then().statusCode(200).extract().jsonPath()
                .getList("questions");
        List<String> questionItems = q.getItem().stream().map(QuestionnaireItemComponent::getLinkId)
                .filter(id -> !id.endsWith("-other-text") && !id.equals("survey-run") && !id.equals("respondent")).toList();
        assertThat(questionItems).containsExactlyElementsOf(questions.stream().map(x -> (String) x.get("code")).toList());
        for (Map<String, Object> question : questions) {
            String code = (String) question.get("code");
            QuestionnaireItemComponent item = item(q, code);
            assertThat(item.getRequired()).as("required of " + code).isEqualTo(question.get("required"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> options = (List<Map<String, Object>>) question.get("options");
            // a code several questions use (other, fully, ...) is written with its question's code
            assertThat(item.getAnswerOption()).extracting(o -> o.getValueCoding().getCode().replace(code + ".", ""))
                    .containsExactlyElementsOf(options == null ? List.of() : options.stream().map(o -> (String) o.get("code")).toList());
            assertThat(item.getAnswerOption()).allMatch(o -> SYSTEM.equals(o.getValueCoding().getSystem()));
            if (question.get("otherOptionCode") != null) {
                QuestionnaireItemComponent other = item(q, code + "-other-text");
                assertThat(other.getType().toCode()).isEqualTo("string");
                assertThat(other.getEnableWhenFirstRep().getQuestion()).isEqualTo(code);
                assertThat(other.getEnableWhenFirstRep().getOperator().toCode()).isEqualTo("=");
                assertThat(other.getEnableWhenFirstRep().getAnswerCoding().getCode()).isEqualTo(code + "." + question.get("otherOptionCode"));
            }
        }
        assertThat(item(q, "Q1_trust_progress").getRequired()).isTrue();
        assertThat(item(q, "respondent").getItem()).extracting(QuestionnaireItemComponent::getLinkId)
                .containsExactly("respondent-role", "respondent-reference");
        CodeSystem options = (CodeSystem) q.getContained().get(0);
        assertThat(options.getUrl()).isEqualTo(SYSTEM);
        assertThat(options.getContent().toCode()).isEqualTo("complete");
        assertThat(options.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
                .contains("frontline_only", "Q1_trust_progress.other", "Q3_trust_barriers.other").doesNotContain("other");

        Bundle found = client("RNA", "viewer").search().forResource(Questionnaire.class).where(Questionnaire.URL.matches().value(Q_URL))
                .and(Questionnaire.VERSION.exactly().code("1")).returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(Q_ID);
        Bundle none = client("RNA", "viewer").search().forResource(Questionnaire.class)
                .where(Questionnaire.URL.matches().value("https://example.org/Questionnaire/x")).returnBundle(Bundle.class).execute();
        assertThat(none.getEntry()).isEmpty();
        assertThatThrownBy(() -> client("RNA", "viewer").read().resource(Questionnaire.class).withId("survey-no-such-survey-v1").execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aCompletedResponseIsSubmittedAsThroughTheRestApi() throws Exception {
        String run = SurveyApi.openRunNow("fhir-" + UUID.randomUUID().toString().substring(0, 8));
        String reference = "fhir-" + UUID.randomUUID().toString().substring(0, 8);
        Questionnaire q = client("RNA", "submitter").read().resource(Questionnaire.class).withId(Q_ID).execute();
        QuestionnaireResponse sent = response(q, run, reference, QuestionnaireResponseStatus.COMPLETED);
        String key = "fhir-" + UUID.randomUUID();

        MethodOutcome created = client("RNA", "submitter").create().resource(sent).withAdditionalHeader("Idempotency-Key", key).execute();
        String id = created.getId().getIdPart();
        String uuid = id.substring("survey-".length());
        assertThat(id).startsWith("survey-");
        // started, answered and submitted: three versions of the response in one transaction
        assertThat(created.getId().getVersionIdPart()).isEqualTo("2");
        QuestionnaireResponse filed = (QuestionnaireResponse) created.getResource();
        assertThat(filed.getStatus()).isEqualTo(QuestionnaireResponseStatus.COMPLETED);
        assertThat(filed.getQuestionnaire()).isEqualTo(Q_URL + "|1");
        assertThat(filed.getSubject().getIdentifier().getValue()).isEqualTo("RNA");
        assertThat(filed.getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId).containsExactly("survey-run", "respondent",
                "Q1_trust_progress", "Q1_trust_progress-other-text", "Q3_trust_barriers", "Q3_trust_barriers-other-text", "Q14_free_text");
        // a replay of the Idempotency-Key answers the same, as FHIR, and files nothing
        given().header("Authorization", Tokens.bearer("RNA", "submitter")).header("Idempotency-Key", key).contentType(Fhir.MEDIA_TYPE)
                .body(Fhir.write(sent)).when().post(BASE + "/QuestionnaireResponse").then().statusCode(201).contentType(startsWith(Fhir.MEDIA_TYPE))
                .header("Idempotent-Replayed", "true").header("ETag", "W/\"2\"")
                .header("Location", endsWith(BASE + "/QuestionnaireResponse/" + id + "/_history/2")).body("id", equalTo(id));

        // the REST API sees the same response, submitted, with the same answers
        SurveyApi.as("RNA").queryParam("respondentReference", reference).when().get(SurveyApi.responses(run) + "/" + uuid).then()
                .statusCode(200).header("ETag", "\"2\"").body("status", equalTo("SUBMITTED")).body("revision", equalTo(1))
                .body("respondentRole", equalTo("director_of_improvement"))
                .body("answers", equalTo(Map.of("Q1_trust_progress", Map.of("option", "other", "otherText", "A board-led programme"),
                        "Q3_trust_barriers", Map.of("options", List.of("funding", "other"), "otherText", "Estates"),
                        "Q14_free_text", Map.of("text", "Our board development programme is helping."))));
        // and its event, as for a REST submission: in the outbox, then on the topic
        assertThat(outboxTypes(uuid)).containsExactly(EventTypes.SURVEY_RESPONSE_SUBMITTED);
        var events = TopicProbe.await(bootstrap, Topics.SURVEY, e -> e.value().contains(uuid), 1, Duration.ofSeconds(30));
        assertThat(TopicProbe.header(events.get(0), "ce_type")).isEqualTo(EventTypes.SURVEY_RESPONSE_SUBMITTED);

        // read back over FHIR by the respondent (naming itself, as on the REST API); another trust is told it does not exist
        QuestionnaireResponse read = client("RNA", "submitter").fetchResourceFromUrl(QuestionnaireResponse.class,
                base() + "/QuestionnaireResponse/" + id + "?respondentReference=" + reference);
        assertThat(read.getMeta().getVersionId()).isEqualTo("2");
        assertThat(read.getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId).isEqualTo(filed.getItem().stream()
                .map(QuestionnaireResponseItemComponent::getLinkId).toList());
        assertThatThrownBy(() -> client("RK5", "viewer", "submitter").read().resource(QuestionnaireResponse.class).withId(id).execute())
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(outcome(e).getIssueFirstRep().getCode().toCode())
                        .isEqualTo("not-found"));

        // an update needs the version read: none is 428, a stale one 412; both change nothing
        read.setStatus(QuestionnaireResponseStatus.AMENDED);
        Responses.items(read.getItem(), "Q14_free_text").get(0).getAnswerFirstRep().setValue(new StringType("Now trust-wide."));
        read.setId(new IdType("QuestionnaireResponse", id));
        assertThatThrownBy(() -> client("RNA", "submitter").update().resource(read).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(428));
        read.setId(new IdType("QuestionnaireResponse", id, "0"));
        assertThatThrownBy(() -> client("RNA", "submitter").update().resource(read).execute()).isInstanceOf(PreconditionFailedException.class);
        read.setId(new IdType("QuestionnaireResponse", id, "2"));
        MethodOutcome amended = client("RNA", "submitter").update().resource(read).execute();
        // saved then submitted again, as the REST API's save and submit: two versions on
        assertThat(amended.getId().getVersionIdPart()).isEqualTo("4");
        assertThat(((QuestionnaireResponse) amended.getResource()).getStatus()).isEqualTo(QuestionnaireResponseStatus.AMENDED);
        SurveyApi.as("RNA").queryParam("respondentReference", reference).when().get(SurveyApi.responses(run) + "/" + uuid).then()
                .statusCode(200).body("revision", equalTo(2)).body("answers.Q14_free_text.text", equalTo("Now trust-wide."));

        // in-progress is a draft: the same respondent starts one in another run of the survey
        String run2 = SurveyApi.openRunNow("fhir-" + UUID.randomUUID().toString().substring(0, 8));
        String draftId = client("RNA", "submitter").create().resource(response(q, run2, reference, QuestionnaireResponseStatus.INPROGRESS))
                .execute().getId().getIdPart();
        SurveyApi.as("RNA").queryParam("respondentReference", reference).when().get(SurveyApi.responses(run2) + "/" + draftId.substring("survey-".length()))
                .then().statusCode(200).body("status", equalTo("DRAFT")).body("answers.Q3_trust_barriers.options", equalTo(List.of("funding", "other")));

        // the respondent's search finds both, a page at a time, oldest first; by status, only the amended one
        Bundle first = client("RNA", "submitter").search().forResource(QuestionnaireResponse.class)
                .where(QuestionnaireResponse.QUESTIONNAIRE.hasId(Q_URL + "|1"))
                .whereMap(Map.of("subject:identifier", List.of(Fhir.ODS_SYSTEM + "|RNA"), "respondentReference", List.of(reference))).count(1)
                .returnBundle(Bundle.class).execute();
        assertThat(first.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(id);
        // the next link is absolute, on the base the client addressed: the client follows it as it is
        assertThat(first.getLink("next").getUrl()).startsWith(RestAssured.baseURI + ":" + RestAssured.port + BASE + "/QuestionnaireResponse?");
        Bundle second = client("RNA", "submitter").loadPage().next(first).execute();
        assertThat(second.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(draftId);
        assertThat(((QuestionnaireResponse) second.getEntryFirstRep().getResource()).getStatus()).isEqualTo(QuestionnaireResponseStatus.INPROGRESS);
        assertThat(second.getLink("next")).isNull();
        Bundle amendedOnly = client("RNA", "submitter").search().forResource(QuestionnaireResponse.class)
                .where(QuestionnaireResponse.QUESTIONNAIRE.hasId(Q_URL))
                .whereMap(Map.of("status", List.of("amended"), "respondentReference", List.of(reference))).returnBundle(Bundle.class).execute();
        assertThat(amendedOnly.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(id);
    }

    @Test
    void invalidResponsesAreRefusedNamingTheLinkIdAndNothingIsStored() throws Exception {
        String run = SurveyApi.openRunNow("fhir-bad-" + UUID.randomUUID().toString().substring(0, 8));
        Questionnaire q = client("RNA", "submitter").read().resource(Questionnaire.class).withId(Q_ID).execute();

        // checked against the Questionnaire: every failure at once
        QuestionnaireResponse wrong = response(q, run, "fhir-wrong", QuestionnaireResponseStatus.COMPLETED);
        wrong.getItem().removeIf(i -> i.getLinkId().startsWith("Q1_trust_progress")); // required Q1 missing
        wrong.addItem().setLinkId("Q99_unknown").addAnswer().setValue(new StringType("?"));
        wrong.addItem().setLinkId("Q2_trust_alignment").addAnswer().setValue(new Coding(SYSTEM, "splendidly", null));
        wrong.addItem().setLinkId("Q5_trust_support_enablers-other-text").addAnswer().setValue(new StringType("no other chosen"));
        assertThatThrownBy(() -> client("RNA", "submitter").create().resource(wrong).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(expressions(e)).containsExactlyInAnyOrder(
                        ResponseCheck.item("Q1_trust_progress"), ResponseCheck.item("Q99_unknown"), ResponseCheck.answer("Q2_trust_alignment", 0),
                        ResponseCheck.item("Q5_trust_support_enablers-other-text")));

        // the service's own rules (here: at most 3 choices) run after the response was started, in the same transaction
        QuestionnaireResponse tooMany = response(q, run, "fhir-too-many", QuestionnaireResponseStatus.COMPLETED);
        QuestionnaireResponseItemComponent q11 = tooMany.addItem().setLinkId("Q11_support_formats");
        for (String code : List.of("board_workshops_equity", "peer_webinars", "case_studies", "one_to_one")) {
            q11.addAnswer().setValue(option(q, "Q11_support_formats", code));
        }
        assertThatThrownBy(() -> client("RNA", "submitter").create().resource(tooMany).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(expressions(e))
                        .containsExactly(ResponseCheck.item("Q11_support_formats")));

        // a Questionnaire of another server is not this service's
        QuestionnaireResponse elsewhere = response(q, run, "fhir-elsewhere", QuestionnaireResponseStatus.INPROGRESS)
                .setQuestionnaire("https://example.org/Questionnaire/survey|1");
        assertThatThrownBy(() -> client("RNA", "submitter").create().resource(elsewhere).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(expressions(e))
                        .containsExactly("QuestionnaireResponse.questionnaire"));

        for (String reference : List.of("fhir-wrong", "fhir-too-many", "fhir-elsewhere")) {
            SurveyApi.as("RNA").queryParam("respondentReference", reference).when().get(SurveyApi.responses(run)).then().statusCode(200)
                    .body("items.size()", equalTo(0));
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select count(*) from survey_response where run_id = ?")) {
            s.setString(1, run);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("responses stored in " + run).isZero();
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------------

    /** A response as a client builds it from the Questionnaire: codings taken from its answer options. */
    private static QuestionnaireResponse response(Questionnaire q, String run, String reference, QuestionnaireResponseStatus status) {
        QuestionnaireResponse r = new QuestionnaireResponse().setQuestionnaire(q.getUrl() + "|" + q.getVersion()).setStatus(status)
                .setSubject(Responses.organisation("RNA"));
        r.addItem().setLinkId("survey-run").addAnswer().setValue(new StringType(run));
        QuestionnaireResponseItemComponent respondent = r.addItem().setLinkId("respondent");
        respondent.addItem().setLinkId("respondent-role").addAnswer().setValue(option(q, "respondent-role", "director_of_improvement"));
        respondent.addItem().setLinkId("respondent-reference").addAnswer().setValue(new StringType(reference));
        r.addItem().setLinkId("Q1_trust_progress").addAnswer().setValue(option(q, "Q1_trust_progress", "other"));
        r.addItem().setLinkId("Q1_trust_progress-other-text").addAnswer().setValue(new StringType("A board-led programme"));
        QuestionnaireResponseItemComponent q3 = r.addItem().setLinkId("Q3_trust_barriers");
        q3.addAnswer().setValue(option(q, "Q3_trust_barriers", "funding"));
        q3.addAnswer().setValue(option(q, "Q3_trust_barriers", "other"));
        r.addItem().setLinkId("Q3_trust_barriers-other-text").addAnswer().setValue(new StringType("Estates"));
        r.addItem().setLinkId("Q14_free_text").addAnswer().setValue(new StringType("Our board development programme is helping."));
        return r;
    }

    /** The answer option of an item for an option code (written with the question's code when several questions use it). */
    private static Type option(Questionnaire q, String linkId, String code) {
        return item(q, linkId).getAnswerOption().stream().map(o -> o.getValueCoding())
                .filter(c -> c.getCode().equals(code) || c.getCode().equals(linkId + "." + code)).findFirst().orElseThrow().copy();
    }

    private static QuestionnaireItemComponent item(Questionnaire q, String linkId) {
        List<QuestionnaireItemComponent> all = new ArrayList<>();
        collect(q.getItem(), all);
        return all.stream().filter(i -> i.getLinkId().equals(linkId)).findFirst().orElseThrow(() -> new AssertionError("no item " + linkId));
    }

    private static void collect(List<QuestionnaireItemComponent> items, List<QuestionnaireItemComponent> into) {
        for (QuestionnaireItemComponent i : items) {
            into.add(i);
            collect(i.getItem(), into);
        }
    }

    private static OperationOutcome outcome(BaseServerResponseException e) {
        return (OperationOutcome) e.getOperationOutcome();
    }

    private static List<String> expressions(BaseServerResponseException e) {
        return outcome(e).getIssue().stream().flatMap(i -> i.getExpression().stream()).map(x -> x.getValue()).toList();
    }

    private List<String> outboxTypes(String responseId) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select event_type from outbox_event where payload ->> 'respondentId' = ? order by seq")) {
            s.setString(1, responseId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        return types;
    }
}
