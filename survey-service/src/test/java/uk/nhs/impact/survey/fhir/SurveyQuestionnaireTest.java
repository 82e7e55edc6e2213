package uk.nhs.impact.survey.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemOperator;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.fhir.Fhir;
import uk.nhs.impact.platform.fhir.ResponseCheck;
import uk.nhs.impact.platform.fhir.Responses;
import uk.nhs.impact.survey.instrument.SurveyDefinition;
import uk.nhs.impact.survey.instrument.SurveyDefinition.Option;
import uk.nhs.impact.survey.instrument.SurveyDefinition.Question;
import uk.nhs.impact.survey.instrument.SurveyDefinition.Type;
import uk.nhs.impact.survey.response.SurveyAnswer;

/** The Questionnaire generated from a survey definition, and answers mapped both ways (no servers). */
class SurveyQuestionnaireTest {
    private static final Instant PUBLISHED = Instant.parse("2023-04-01T00:00:00Z");

    static SurveyDefinition shipped() throws Exception {
        try (InputStream in = SurveyQuestionnaireTest.class.getClassLoader().getResourceAsStream("instruments/nhsp-improvement-survey-2023-v1.json")) {
            ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(in);
            tree.remove("instrumentId");
            tree.remove("version");
            return new ObjectMapper().treeToValue(tree, SurveyDefinition.class);
        }
    }

    @Test
    void theShippedSurveyIsAQuestionnaireWithAnItemPerQuestion() throws Exception {
        SurveyDefinition def = shipped();
        SurveyQuestionnaire sq = SurveyQuestionnaire.of("nhsp-improvement-survey-2023", 1, PUBLISHED, def);
        // encoded and read back strictly, as a client gets it
        Questionnaire q = Fhir.read(Fhir.write(sq.resource()), Questionnaire.class);

        assertThat(q.getIdElement().getIdPart()).isEqualTo("survey-nhsp-improvement-survey-2023-v1");
        assertThat(q.getUrl()).isEqualTo(Fhir.questionnaireUrl("survey-nhsp-improvement-survey-2023-v1"));
        assertThat(q.getVersion()).isEqualTo("1");
        assertThat(q.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
        assertThat(q.getTitle()).isEqualTo(def.label());
        assertThat(q.getPublisher()).isEqualTo("NHS England");
        assertThat(q.getSubjectType()).extracting(c -> c.getValue()).containsExactly("Organization");
        assertThat(q.getDate().toInstant()).isEqualTo(PUBLISHED);

        List<String> expected = new java.util.ArrayList<>(List.of("survey-run", "respondent"));
        for (Question question : def.questions()) {
            expected.add(question.code());
            if (question.otherOptionCode() != null) {
                expected.add(question.code() + "-other-text");
            }
        }
        assertThat(q.getItem()).extracting(QuestionnaireItemComponent::getLinkId).containsExactlyElementsOf(expected);
        assertThat(item(q, "respondent").getItem()).extracting(QuestionnaireItemComponent::getLinkId)
                .containsExactly("respondent-role", "respondent-reference");
        assertThat(item(q, "survey-run").getRequired()).isTrue();

        CodeSystem cs = (CodeSystem) q.getContained().stream().filter(r -> r instanceof CodeSystem c && c.getUrl().equals(Fhir.codeSystemUrl(q.getIdPart())))
                .findFirst().orElseThrow();
        assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
        // codes several questions use (other, fully, dont_know, ...) are written with their question's code; the rest as they are
        assertThat(sq.prefixedCodes()).contains("other", "fully", "dont_know", "workforce_capacity").doesNotContain("frontline_only");
        List<String> concepts = cs.getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode).toList();
        for (Question question : def.questions()) {
            QuestionnaireItemComponent item = item(q, question.code());
            assertThat(item.getText()).isEqualTo(question.text());
            assertThat(item.getRequired()).isEqualTo(question.required());
            List<Option> options = question.options() == null ? List.of() : question.options();
            assertThat(item.getAnswerOption()).extracting(o -> o.getValueCoding().getSystem()).allMatch(cs.getUrl()::equals);
            List<String> codes = options.stream().map(o -> sq.prefixedCodes().contains(o.code()) ? question.code() + "." + o.code() : o.code())
                    .toList();
            assertThat(item.getAnswerOption()).extracting(o -> o.getValueCoding().getCode()).containsExactlyElementsOf(codes);
            assertThat(concepts).containsAll(codes);
            switch (question.type()) {
                case SINGLE_CHOICE, LIKERT -> assertThat(item.getType()).isEqualTo(QuestionnaireItemType.CHOICE);
                case MULTI_CHOICE -> assertThat(item.getType()).isEqualTo(QuestionnaireItemType.CHOICE);
                case FREE_TEXT -> assertThat(item.getType()).isEqualTo(QuestionnaireItemType.TEXT);
            }
            assertThat(item.getRepeats()).isEqualTo(question.type() == Type.MULTI_CHOICE);
        }
        assertThat(item(q, "Q14_free_text").getMaxLength()).isEqualTo(4000);
        assertThat(item(q, "Q11_support_formats").getExtensionByUrl(SurveyQuestionnaire.MAX_OCCURS).getValue().primitiveValue()).isEqualTo("3");
        assertThat(concepts).contains("frontline_only", "Q1_trust_progress.other", "Q3_trust_barriers.other").doesNotContain("other");
        assertThat(cs.getConcept().stream().filter(c -> c.getCode().equals("Q2_trust_alignment.not_aligned")).findFirst().orElseThrow().getProperty())
                .extracting(p -> p.getCode()).containsExactly("provisional");

        QuestionnaireItemComponent other = item(q, "Q1_trust_progress-other-text");
        assertThat(other.getType()).isEqualTo(QuestionnaireItemType.STRING);
        assertThat(other.getEnableWhen()).hasSize(1);
        assertThat(other.getEnableWhenFirstRep().getQuestion()).isEqualTo("Q1_trust_progress");
        assertThat(other.getEnableWhenFirstRep().getOperator()).isEqualTo(QuestionnaireItemOperator.EQUAL);
        assertThat(other.getEnableWhenFirstRep().getAnswerCoding().getCode()).isEqualTo("Q1_trust_progress.other");
        assertThat(other.getEnableWhenFirstRep().getAnswerCoding().getSystem()).isEqualTo(cs.getUrl());
    }

    @Test
    void answersGoIntoAResponseAndComeBackTheSame() throws Exception {
        SurveyQuestionnaire sq = SurveyQuestionnaire.of("nhsp-improvement-survey-2023", 1, PUBLISHED, shipped());
        TreeMap<String, SurveyAnswer> answers = new TreeMap<>(Map.of(
                "Q1_trust_progress", new SurveyAnswer("other", null, "A board-led programme", null),
                "Q3_trust_barriers", new SurveyAnswer(null, List.of("funding", "operational_pressures"), null, null),
                "Q12_board_confidence_trust", new SurveyAnswer("confident", null, null, null),
                "Q14_free_text", new SurveyAnswer(null, null, null, "Our board development programme is helping.")));
        QuestionnaireResponse qr = new QuestionnaireResponse().setQuestionnaire(sq.canonical()).setStatus(QuestionnaireResponseStatus.COMPLETED)
                .setSubject(Responses.organisation("RNA"));
        qr.setItem(sq.items("run-1", "head_of_quality", "person-7", answers));
        qr = Fhir.read(Fhir.write(qr), QuestionnaireResponse.class);

        assertThat(new ResponseCheck(sq.resource()).check(qr)).isEmpty();
        assertThat(qr.getItem()).extracting(i -> i.getLinkId()).containsExactly("survey-run", "respondent", "Q1_trust_progress",
                "Q1_trust_progress-other-text", "Q3_trust_barriers", "Q12_board_confidence_trust", "Q14_free_text");
        assertThat(sq.answers(qr)).isEqualTo(answers);
        assertThat(SurveyQuestionnaire.runId(qr)).isEqualTo("run-1");
        assertThat(SurveyQuestionnaire.role(qr)).isEqualTo("head_of_quality");
        assertThat(SurveyQuestionnaire.reference(qr)).isEqualTo("person-7");

        qr.setItem(sq.items("run-1", "chair", null, Map.of()));
        assertThat(qr.getItem().get(1).getItem()).hasSize(1);
        assertThat(qr.getItem().get(1).getItem().get(0).getAnswerFirstRep().getValueCoding().getSystem()).isEqualTo(SurveyQuestionnaire.ROLE_SYSTEM);
        assertThat(new ResponseCheck(sq.resource()).check(qr)).extracting(e -> e.field())
                .containsExactly(ResponseCheck.item("Q1_trust_progress"));
    }

    @Test
    void optionCodesThatSeveralQuestionsUseArePrefixedWithTheirQuestion() {
        Question a = new Question("qa", "A?", Type.SINGLE_CHOICE, SurveyDefinition.Level.TRUST, false, false,
                List.of(new Option("yes", "Yes", false), new Option("maybe", "Maybe", false), new Option("other", "Other", false)), "other", null,
                null);
        Question b = new Question("qb", "B?", Type.MULTI_CHOICE, SurveyDefinition.Level.TRUST, false, false,
                List.of(new Option("yes", "Yes", false), new Option("other", "Something else", false)), "other", null, null);
        SurveyQuestionnaire sq = SurveyQuestionnaire.of("clash-survey", 2, null, new SurveyDefinition("Clash", null, List.of(a, b)));
        Questionnaire q = sq.resource();

        assertThat(sq.prefixedCodes()).containsExactly("other", "yes");
        assertThat(item(q, "qa").getAnswerOption()).extracting(o -> o.getValueCoding().getCode()).containsExactly("qa.yes", "maybe", "qa.other");
        assertThat(item(q, "qb").getAnswerOption()).extracting(o -> o.getValueCoding().getCode()).containsExactly("qb.yes", "qb.other");
        assertThat(item(q, "qb-other-text").getEnableWhenFirstRep().getAnswerCoding().getCode()).isEqualTo("qb.other");
        CodeSystem cs = (CodeSystem) q.getContained().get(0);
        assertThat(cs.getConcept()).extracting(c -> c.getCode()).containsExactly("qa.yes", "maybe", "qa.other", "qb.yes", "qb.other");
        assertThat(cs.getConcept()).extracting(c -> c.getDisplay()).containsExactly("Yes", "Maybe", "Other", "Yes", "Something else");
        assertThat(cs.getDescription()).contains("other, yes");

        Map<String, SurveyAnswer> answers = Map.of("qa", new SurveyAnswer("other", null, null, null),
                "qb", new SurveyAnswer(null, List.of("other", "yes"), "Something", null));
        QuestionnaireResponse qr = new QuestionnaireResponse().setStatus(QuestionnaireResponseStatus.INPROGRESS);
        qr.setItem(sq.items("run-2", "chair", null, answers));
        assertThat(Responses.values(qr.getItem(), "qa")).extracting(v -> ((Coding) v).getCode()).containsExactly("qa.other");
        assertThat(new ResponseCheck(q).check(qr)).isEmpty();
        assertThat(sq.answers(qr)).isEqualTo(answers);
    }

    @Test
    void idsAreFhirIdsOfAtMost64Characters() {
        assertThat(SurveyQuestionnaire.id("nhsp-improvement-survey-2023", 1)).isEqualTo("survey-nhsp-improvement-survey-2023-v1");
        String longId = SurveyQuestionnaire.id("a".repeat(60), 123);
        assertThat(longId).hasSizeLessThanOrEqualTo(64).matches("survey-[A-Za-z0-9.-]+-v123");
        assertThat(longId).isNotEqualTo(SurveyQuestionnaire.id("a".repeat(59) + "b", 123));
    }

    @Test
    void theServiceRulesFieldsAreNamedByLinkId() {
        assertThat(QuestionnaireResponseService.expression("answers.Q3_trust_barriers")).isEqualTo(ResponseCheck.item("Q3_trust_barriers"));
        assertThat(QuestionnaireResponseService.expression("answers.Q11_support_formats.options")).isEqualTo(ResponseCheck.item("Q11_support_formats"));
        assertThat(QuestionnaireResponseService.expression("answers.Q4_trust_support_components.options[1]"))
                .isEqualTo(ResponseCheck.answer("Q4_trust_support_components", 1));
        assertThat(QuestionnaireResponseService.expression("answers.Q5_trust_support_enablers.otherText"))
                .isEqualTo(ResponseCheck.item("Q5_trust_support_enablers-other-text"));
        assertThat(QuestionnaireResponseService.expression("respondentRole")).isEqualTo(ResponseCheck.item("respondent-role"));
        assertThat(QuestionnaireResponseService.expression("QuestionnaireResponse.subject")).isEqualTo("QuestionnaireResponse.subject");
    }

    private static QuestionnaireItemComponent item(Questionnaire q, String linkId) {
        QuestionnaireItemComponent found = find(q.getItem(), linkId);
        if (found == null) {
            throw new AssertionError("no item " + linkId);
        }
        return found;
    }

    private static QuestionnaireItemComponent find(List<QuestionnaireItemComponent> items, String linkId) {
        for (QuestionnaireItemComponent i : items) {
            if (i.getLinkId().equals(linkId)) {
                return i;
            }
            QuestionnaireItemComponent inner = find(i.getItem(), linkId);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }
}
