package uk.nhs.impact.platform.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemOperator;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.problem.FieldError;

class ResponseCheckTest {
    private static final String S = "https://impact.nhs.uk/fhir/CodeSystem/t";

    /** Q1 one of a/b/other; Q1-other enabled by Q1 = other; Q2 many of a/b; a repeating group G of a required date and a count. */
    private static Questionnaire questionnaire() {
        Questionnaire q = new Questionnaire().setUrl(Fhir.questionnaireUrl("t")).setVersion("1");
        QuestionnaireItemComponent q1 = q.addItem().setLinkId("Q1").setType(QuestionnaireItemType.CHOICE).setRequired(true);
        for (String code : List.of("a", "b", "other")) {
            q1.addAnswerOption().setValue(new Coding(S, code, null));
        }
        q.addItem().setLinkId("Q1-other").setType(QuestionnaireItemType.STRING).setMaxLength(10).setRequired(true)
                .addEnableWhen().setQuestion("Q1").setOperator(QuestionnaireItemOperator.EQUAL).setAnswer(new Coding(S, "other", null));
        QuestionnaireItemComponent q2 = q.addItem().setLinkId("Q2").setType(QuestionnaireItemType.CHOICE).setRepeats(true);
        q2.addAnswerOption().setValue(new Coding(S, "a", null));
        q2.addAnswerOption().setValue(new Coding(S, "b", null));
        QuestionnaireItemComponent g = q.addItem().setLinkId("G").setType(QuestionnaireItemType.GROUP).setRepeats(true);
        g.addItem().setLinkId("G-date").setType(QuestionnaireItemType.DATE).setRequired(true);
        g.addItem().setLinkId("G-count").setType(QuestionnaireItemType.INTEGER);
        q.addItem().setLinkId("B").setType(QuestionnaireItemType.BOOLEAN);
        return q;
    }

    private static QuestionnaireResponse response(QuestionnaireResponseStatus status) {
        return new QuestionnaireResponse().setStatus(status);
    }

    private static List<String> check(QuestionnaireResponse r) {
        return new ResponseCheck(questionnaire()).check(r).stream().map(e -> e.field() + " " + e.message()).toList();
    }

    private static QuestionnaireResponseItemComponent answer(QuestionnaireResponse r, String linkId, org.hl7.fhir.r4.model.Type... values) {
        QuestionnaireResponseItemComponent item = r.addItem().setLinkId(linkId);
        for (org.hl7.fhir.r4.model.Type v : values) {
            item.addAnswer().setValue(v);
        }
        return item;
    }

    @Test
    void aConformingResponsePasses() {
        QuestionnaireResponse r = response(QuestionnaireResponseStatus.COMPLETED);
        answer(r, "Q1", new Coding(S, "other", null));
        answer(r, "Q1-other", new StringType("ours"));
        answer(r, "Q2", new Coding(S, "a", null), new Coding(S, "b", null));
        for (int i = 0; i < 2; i++) {
            QuestionnaireResponseItemComponent g = r.addItem().setLinkId("G");
            g.addItem().setLinkId("G-date").addAnswer().setValue(new DateType("2024-01-0" + (i + 1)));
            g.addItem().setLinkId("G-count").addAnswer().setValue(new IntegerType(i));
        }
        answer(r, "B", new BooleanType(true));
        assertThat(check(r)).isEmpty();
    }

    @Test
    void everyFailureNamesItsItem() {
        QuestionnaireResponse r = response(QuestionnaireResponseStatus.COMPLETED);
        answer(r, "Q1", new Coding(S, "a", null), new Coding(S, "b", null)); // two answers to a single choice
        answer(r, "Q1-other", new StringType("not enabled")); // Q1 is not "other"
        answer(r, "Q2", new Coding(S, "c", null)); // not an option
        answer(r, "Q9", new StringType("x")); // no such item
        QuestionnaireResponseItemComponent g = r.addItem().setLinkId("G");
        g.addItem().setLinkId("G-count").addAnswer().setValue(new StringType("3")); // wrong type; G-date missing
        answer(r, "G-date", new DateType("2024-01-01")); // out of its group
        answer(r, "B", new DateType("2024-01")); // wrong type
        assertThat(check(r)).containsExactlyInAnyOrder(
                "QuestionnaireResponse.repeat(item).where(linkId='Q1') Q1 takes one answer, not 2",
                "QuestionnaireResponse.repeat(item).where(linkId='Q1-other') Q1-other is not enabled by the answers given (Q1 = other)",
                "QuestionnaireResponse.repeat(item).where(linkId='Q2').answer[0] Q2: " + S + "|c is not one of its answer options",
                "QuestionnaireResponse.repeat(item).where(linkId='Q9') Q9 is not an item of " + Fhir.questionnaireUrl("t") + "|1",
                "QuestionnaireResponse.repeat(item).where(linkId='G-count').answer[0] G-count is answered with a valueInteger",
                "QuestionnaireResponse.repeat(item).where(linkId='G-date') G-date belongs under G",
                "QuestionnaireResponse.repeat(item).where(linkId='B').answer[0] B is answered with a valueBoolean",
                "QuestionnaireResponse.repeat(item).where(linkId='G-date') G-date is required in a completed response");
    }

    @Test
    void requiredItemsAreRequiredOnlyOnceCompletedAndOnlyWhileEnabled() {
        QuestionnaireResponse draft = response(QuestionnaireResponseStatus.INPROGRESS);
        answer(draft, "Q1", new Coding(S, "other", null));
        assertThat(check(draft)).isEmpty();

        QuestionnaireResponse completed = response(QuestionnaireResponseStatus.COMPLETED);
        answer(completed, "Q1", new Coding(S, "other", null));
        assertThat(check(completed)).containsExactly(
                "QuestionnaireResponse.repeat(item).where(linkId='Q1-other') Q1-other is required in a completed response");
        completed.getItem().get(0).getAnswerFirstRep().setValue(new Coding(S, "a", null));
        assertThat(check(completed)).isEmpty();
        assertThat(check(response(QuestionnaireResponseStatus.AMENDED)))
                .containsExactly("QuestionnaireResponse.repeat(item).where(linkId='Q1') Q1 is required in a completed response");
    }

    @Test
    void aTooLongOrBlankStringIsRefused() {
        QuestionnaireResponse r = response(QuestionnaireResponseStatus.INPROGRESS);
        answer(r, "Q1", new Coding(S, "other", null));
        answer(r, "Q1-other", new StringType("eleven char"));
        assertThat(new ResponseCheck(questionnaire()).check(r)).extracting(FieldError::message).containsExactly("Q1-other is at most 10 characters");
        r.getItem().get(1).getAnswerFirstRep().setValue(new StringType(" "));
        assertThat(new ResponseCheck(questionnaire()).check(r)).extracting(FieldError::message)
                .containsExactly("Q1-other: an answer needs a value");
    }
}
