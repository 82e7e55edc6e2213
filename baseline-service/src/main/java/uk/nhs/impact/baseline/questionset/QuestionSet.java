package uk.nhs.impact.baseline.questionset;

import java.util.List;
import java.util.Optional;

/** The baseline questions for one organisation type, at one version. Published versions never change. */
public record QuestionSet(String id, String orgType, int version, String status, String wordingNote, List<Question> questions) {

    public record Question(String code, String domain, String type, boolean required, String text, String headline,
            Integer maxLength, List<Option> options, String otherOption) {
    }

    public record Option(String code, String text) {
    }

    public Optional<Question> question(String code) {
        return questions.stream().filter(q -> q.code().equals(code)).findFirst();
    }
}
