package uk.nhs.impact.baseline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.stack.test.Tokens;

/**
 * The baseline over FHIR, as a FHIR client sees it (HAPI's generic client): the trust Questionnaire generated from the question
 * set, a completed QuestionnaireResponse filed and read back through the REST API with its event, an amendment, the access
 * rule, the version precondition, and invalid responses refused with an OperationOutcome naming the linkId and nothing stored.
 */
@QuarkusTest
class FhirTest {
    private static final String QID = "baseline-trust-v1";
    private static final String CANONICAL = "https://impact.nhs.uk/fhir/Questionnaire/" + QID + "|1";
    private static final String SYSTEM = "https://impact.nhs.uk/fhir/CodeSystem/" + QID;
    private static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Inject
    DataSource db;

    static IGenericClient client(String ods, String... roles) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient c = FHIR.newRestfulGenericClient(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/fhir");
        c.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.forOrg(ods, roles)));
        return c;
    }

    static IGenericClient submitter(String ods) {
        return client(ods, "submitter", "viewer");
    }

    @Test
    void theQuestionnaireIsTheQuestionSet() throws Exception {
        JsonNode set;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("question-sets/trust-v1.json")) {
            set = new ObjectMapper().readTree(in);
        }
        Questionnaire q = client("RHA", "viewer").read().resource(Questionnaire.class).withId(QID).execute();
        assertThat(q.getUrl() + "|" + q.getVersion()).isEqualTo(CANONICAL);
        assertThat(q.getStatus().toCode()).isEqualTo("active");
        assertThat(q.getSubjectType()).extracting(t -> t.getValue()).containsExactly("Organization");
        assertThat(q.getPublisher()).isEqualTo("NHS England");

        Map<String, Questionnaire.QuestionnaireItemComponent> items = new HashMap<>();
        index(q.getItem(), items);
        assertThat(q.getItem()).extracting(Questionnaire.QuestionnaireItemComponent::getLinkId)
                .containsExactly("return", "leadership", "tools", "governance", "capability");
        assertThat(items.get("collection").getType().toCode()).isEqualTo("string");
        assertThat(items.get("collection").getRequired()).isTrue();

        List<String> codes = new ArrayList<>();
        for (JsonNode question : set.get("questions")) {
            String code = question.get("code").asText();
            codes.add(code);
            Questionnaire.QuestionnaireItemComponent item = items.get(code);
            assertThat(item).as(code).isNotNull();
            assertThat(item.getRequired()).as(code + " required").isEqualTo(question.get("required").asBoolean());
            assertThat(q.getItem().stream().filter(g -> g.getItem().contains(item)).map(g -> g.getLinkId()))
                    .as(code + " in its domain").containsExactly(question.get("domain").asText());
            String type = question.get("type").asText();
            assertThat(item.getType().toCode()).as(code + " type").isEqualTo(switch (type) {
                case "yes_no" -> "boolean";
                case "free_text" -> "text";
                default -> "choice";
            });
            assertThat(item.getRepeats()).as(code + " repeats").isEqualTo(type.equals("multi_choice"));
            if (question.has("maxLength")) {
                assertThat(item.getMaxLength()).isEqualTo(question.get("maxLength").asInt());
            }
            List<String> options = new ArrayList<>();
            question.path("options").forEach(o -> options.add(o.get("code").asText()));
            assertThat(item.getAnswerOption()).extracting(o -> o.getValueCoding().getSystem())
                    .allMatch(SYSTEM::equals);
            // a code two questions use (OTHER) is prefixed with the question's code
            assertThat(item.getAnswerOption()).extracting(o -> o.getValueCoding().getCode().replace(code + ".", ""))
                    .containsExactlyElementsOf(options);
        }
        assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(concat(codes, List.of("return", "collection", "leadership", "tools",
                "governance", "capability", "tools_methods_used_other_text", "identify_capability_methods_other_text")));
        assertThat(items.get("tools_methods_used").getAnswerOption()).extracting(o -> o.getValueCoding().getCode())
                .contains("QSIR", "tools_methods_used.OTHER");
        Questionnaire.QuestionnaireItemEnableWhenComponent when = items.get("tools_methods_used_other_text").getEnableWhenFirstRep();
        assertThat(when.getQuestion()).isEqualTo("tools_methods_used");
        assertThat(when.getOperator().toCode()).isEqualTo("=");
        assertThat(when.getAnswerCoding().getCode()).isEqualTo("tools_methods_used.OTHER");

        CodeSystem options = (CodeSystem) q.getContained().get(0);
        assertThat(options.getUrl()).isEqualTo(SYSTEM);
        assertThat(options.getContent().toCode()).isEqualTo("complete");
        assertThat(options.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
                .contains("QSIR", "BOTH", "tools_methods_used.OTHER", "identify_capability_methods.OTHER").doesNotContain("OTHER");

        Bundle found = client("RHA", "viewer").search().forResource(Questionnaire.class)
                .where(Questionnaire.URL.matches().value("https://impact.nhs.uk/fhir/Questionnaire/" + QID)).returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(QID);
        Bundle none = client("RHA", "viewer").search().forResource(Questionnaire.class)
                .where(Questionnaire.URL.matches().value("https://example.org/Questionnaire/x")).returnBundle(Bundle.class).execute();
        assertThat(none.getEntry()).isEmpty();
    }

    @Test
    void aCompletedResponseIsASubmittedReturn() throws Exception {
        String collection = "fhir-" + UUID.randomUUID().toString().substring(0, 8);
        BaselineApi.openCollection(collection);
        QuestionnaireResponse qr = response(collection, "RHA", QuestionnaireResponseStatus.COMPLETED, q -> {
        });
        String key = "fhir-" + UUID.randomUUID();
        MethodOutcome created = submitter("RHA").create().resource(qr).withAdditionalHeader("Idempotency-Key", key).execute();
        String id = created.getId().getIdPart();
        assertThat(id).startsWith("baseline-");
        assertThat(created.getId().getVersionIdPart()).isEqualTo("1");
        // a replay of the key files nothing more and answers the same, as FHIR
        given().header("Authorization", Tokens.bearer("RHA", "submitter", "viewer")).header("Idempotency-Key", key)
                .contentType("application/fhir+json").body(FHIR.newJsonParser().encodeResourceToString(qr))
                .when().post("/api/v1/fhir/QuestionnaireResponse").then().statusCode(201).contentType("application/fhir+json")
                .header("Idempotent-Replayed", "true").header("ETag", "W/\"1\"")
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/fhir/QuestionnaireResponse/" + id + "/_history/1"))
                .body("id", equalTo(id)).body("status", equalTo("completed"));

        given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(BaselineApi.path(collection, "RHA")).then().statusCode(200)
                .header("ETag", "\"1\"").body("status", equalTo("SUBMITTED")).body("revision", equalTo(1))
                .body("questionSetId", equalTo("baseline-trust"))
                .body("answers.leadership_exec_responsibility", equalTo(true))
                .body("answers.leadership_named_role", equalTo("Chief nurse"))
                .body("answers.tools_methods_used", equalTo(List.of("QSIR", "OTHER")))
                .body("answers.tools_methods_used_other_text", equalTo("Kaizen events"))
                .body("answers.governance_reporting", equalTo(false))
                .body("answers.prioritisation_approach", equalTo("BOTH"));
        assertThat(events(collection)).containsExactly(EventTypes.BASELINE_RETURN_SUBMITTED + " RHA revision 1 BOTH");

        QuestionnaireResponse read = submitter("RHA").read().resource(QuestionnaireResponse.class).withId(id).execute();
        assertThat(read.getStatus()).isEqualTo(QuestionnaireResponseStatus.COMPLETED);
        assertThat(read.getQuestionnaire()).isEqualTo(CANONICAL);
        assertThat(read.getSubject().getIdentifier().getValue()).isEqualTo("RHA");
        assertThat(read.getMeta().getVersionId()).isEqualTo("1");
        assertThat(read.getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId).containsExactly("return", "leadership", "tools",
                "governance", "capability");
        assertThat(codes(read, "tools_methods_used")).containsExactly("QSIR", "tools_methods_used.OTHER");

        // shared with its ICB by design; another trust is told it does not exist
        assertThat(client("QT1", "icb-oversight").read().resource(QuestionnaireResponse.class).withId(id).execute().getStatus())
                .isEqualTo(QuestionnaireResponseStatus.COMPLETED);
        assertThatThrownBy(() -> client("RX1", "viewer").read().resource(QuestionnaireResponse.class).withId(id).execute())
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(issues(e)).hasSize(1));

        // its ICB finds it by questionnaire and subject; the caller's own organisation is the default subject
        Bundle found = client("QT1", "icb-oversight").search().forResource(QuestionnaireResponse.class)
                .where(QuestionnaireResponse.QUESTIONNAIRE.hasId(CANONICAL))
                .whereMap(Map.of("subject:identifier", List.of(ODS + "|RHA"), "status", List.of("completed")))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).contains(id);
        assertThat(found.getEntry()).allSatisfy(e -> assertThat(((QuestionnaireResponse) e.getResource()).getSubject().getIdentifier()
                .getValue()).isEqualTo("RHA"));
        Bundle none = client("RX1", "viewer").search().forResource(QuestionnaireResponse.class)
                .whereMap(Map.of("subject:identifier", List.of(ODS + "|RHA"))).returnBundle(Bundle.class).execute();
        assertThat(none.getEntry()).isEmpty();

        // the version read is the precondition of an update: a stale one is refused and changes nothing
        set(read, "governance_reporting", new BooleanType(true));
        read.setStatus(QuestionnaireResponseStatus.AMENDED);
        read.setId(new IdType("QuestionnaireResponse", id, "0"));
        assertThatThrownBy(() -> submitter("RHA").update().resource(read).execute()).isInstanceOf(PreconditionFailedException.class);
        read.setId(new IdType("QuestionnaireResponse", id, "1"));
        MethodOutcome amended = submitter("RHA").update().resource(read).execute();
        // saved then submitted, as the REST API's save and submit: two versions on
        assertThat(amended.getId().getVersionIdPart()).isEqualTo("3");
        given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(BaselineApi.path(collection, "RHA")).then().statusCode(200)
                .header("ETag", "\"3\"")
                .body("status", equalTo("SUBMITTED")).body("revision", equalTo(2)).body("answers.governance_reporting", equalTo(true));
        assertThat(events(collection)).containsExactly(EventTypes.BASELINE_RETURN_SUBMITTED + " RHA revision 1 BOTH",
                EventTypes.BASELINE_RETURN_AMENDED + " RHA revision 2 BOTH");
        assertThat(submitter("RHA").read().resource(QuestionnaireResponse.class).withId(id).execute().getStatus())
                .isEqualTo(QuestionnaireResponseStatus.AMENDED);
    }

    @Test
    void invalidResponsesAreRefusedNamingTheLinkIdAndNothingIsStored() throws Exception {
        String collection = "fhir-bad-" + UUID.randomUUID().toString().substring(0, 8);
        BaselineApi.openCollection(collection);
        QuestionnaireResponse bad = response(collection, "RHA", QuestionnaireResponseStatus.COMPLETED, q -> {
            group(q, "leadership").addItem().setLinkId("favourite_colour").addAnswer().setValue(new StringType("red"));
            set(q, "prioritisation_approach", new Coding(SYSTEM, "SIDEWAYS", null));
            group(q, "capability").getItem().removeIf(i -> i.getLinkId().equals("capability_staff_training"));
        });
        assertThatThrownBy(() -> submitter("RHA").create().resource(bad).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(expressions(e)).containsExactlyInAnyOrder(
                        "QuestionnaireResponse.repeat(item).where(linkId='favourite_colour')",
                        "QuestionnaireResponse.repeat(item).where(linkId='prioritisation_approach').answer[0]",
                        "QuestionnaireResponse.repeat(item).where(linkId='capability_staff_training')"));

        // the service's own rule (an "other" choice needs its text, even in a draft) names the item too
        QuestionnaireResponse noOtherText = response(collection, "RHA", QuestionnaireResponseStatus.INPROGRESS,
                q -> group(q, "tools").getItem().removeIf(i -> i.getLinkId().equals("tools_methods_used_other_text")));
        assertThatThrownBy(() -> submitter("RHA").create().resource(noOtherText).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(expressions(e))
                        .containsExactly("QuestionnaireResponse.repeat(item).where(linkId='tools_methods_used_other_text')"));

        given().header("Authorization", Tokens.bearer("RHA", "viewer")).when().get(BaselineApi.path(collection, "RHA")).then().statusCode(404);
        assertThat(events(collection)).isEmpty();
    }

    // ---- building responses

    /** RHA's answers to the trust set (every required question, an "other" choice with its text), with a change applied. */
    private static QuestionnaireResponse response(String collection, String ods, QuestionnaireResponseStatus status,
            Consumer<QuestionnaireResponse> change) {
        QuestionnaireResponse qr = new QuestionnaireResponse().setQuestionnaire(CANONICAL).setStatus(status)
                .setSubject(new Reference().setType("Organization").setIdentifier(new Identifier().setSystem(ODS).setValue(ods)));
        qr.addItem().setLinkId("return").addItem().setLinkId("collection").addAnswer().setValue(new StringType(collection));
        QuestionnaireResponseItemComponent leadership = qr.addItem().setLinkId("leadership");
        answer(leadership, "leadership_exec_responsibility", new BooleanType(true));
        answer(leadership, "leadership_named_role", new StringType("Chief nurse"));
        QuestionnaireResponseItemComponent tools = qr.addItem().setLinkId("tools");
        answer(tools, "tools_improvement_methods", new BooleanType(true));
        answer(tools, "tools_methods_used", new Coding(SYSTEM, "QSIR", null), new Coding(SYSTEM, "tools_methods_used.OTHER", null));
        answer(tools, "tools_methods_used_other_text", new StringType("Kaizen events"));
        answer(qr.addItem().setLinkId("governance"), "governance_reporting", new BooleanType(false));
        QuestionnaireResponseItemComponent capability = qr.addItem().setLinkId("capability");
        answer(capability, "capability_staff_training", new BooleanType(true));
        answer(capability, "prioritisation_approach", new Coding(SYSTEM, "BOTH", null));
        change.accept(qr);
        return qr;
    }

    private static void answer(QuestionnaireResponseItemComponent group, String linkId, Type... values) {
        QuestionnaireResponseItemComponent item = group.addItem().setLinkId(linkId);
        for (Type v : values) {
            item.addAnswer().setValue(v);
        }
    }

    private static QuestionnaireResponseItemComponent group(QuestionnaireResponse qr, String linkId) {
        return qr.getItem().stream().filter(i -> i.getLinkId().equals(linkId)).findFirst().orElseThrow();
    }

    /** Replaces the answer of the item with this linkId, wherever it is. */
    private static void set(QuestionnaireResponse qr, String linkId, Type value) {
        for (QuestionnaireResponseItemComponent g : qr.getItem()) {
            for (QuestionnaireResponseItemComponent i : g.getItem()) {
                if (i.getLinkId().equals(linkId)) {
                    i.getAnswer().clear();
                    i.addAnswer().setValue(value);
                }
            }
        }
    }

    private static List<String> codes(QuestionnaireResponse qr, String linkId) {
        List<String> out = new ArrayList<>();
        qr.getItem().forEach(g -> g.getItem().stream().filter(i -> i.getLinkId().equals(linkId))
                .forEach(i -> i.getAnswer().forEach(a -> out.add(a.getValueCoding().getCode()))));
        return out;
    }

    private static void index(List<Questionnaire.QuestionnaireItemComponent> list, Map<String, Questionnaire.QuestionnaireItemComponent> into) {
        for (Questionnaire.QuestionnaireItemComponent i : list) {
            into.put(i.getLinkId(), i);
            index(i.getItem(), into);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<OperationOutcome.OperationOutcomeIssueComponent> issues(BaseServerResponseException e) {
        return ((OperationOutcome) e.getOperationOutcome()).getIssue();
    }

    private static List<String> expressions(BaseServerResponseException e) {
        return issues(e).stream().flatMap(i -> i.getExpression().stream().map(s -> s.getValue())).toList();
    }

    /** The collection's return events in the outbox, as "type key revision prioritisation_approach", in the order written. */
    private List<String> events(String collection) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select event_type, subject, payload::text from outbox_event "
                        + "where payload ->> 'collectionId' = ? and event_type like '%return%' order by seq")) {
            s.setString(1, collection);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    JsonNode payload = new ObjectMapper().readTree(rs.getString(3));
                    out.add(rs.getString(1) + " " + rs.getString(2) + " revision " + payload.get("revision").asInt() + " "
                            + payload.at("/answers/prioritisation_approach").asText());
                }
            }
        }
        return out;
    }
}
