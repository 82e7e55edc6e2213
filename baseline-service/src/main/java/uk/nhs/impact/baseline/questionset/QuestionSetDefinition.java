package uk.nhs.impact.baseline.questionset;

import java.util.List;

/**
 * One version of the baseline questions for an organisation type, as {@link QuestionSets} keeps it: the instrument is
 * the organisation type ({@code trust}, {@code icb}, {@code region}, {@code directorate}), {@code id} the question set's
 * name in returns and events ({@code baseline-trust}).
 */
public record QuestionSetDefinition(String id, String wordingNote, List<QuestionSet.Question> questions) {
}
