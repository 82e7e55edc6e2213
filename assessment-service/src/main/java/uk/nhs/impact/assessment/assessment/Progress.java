package uk.nhs.impact.assessment.assessment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;

/**
 * Movement between two submitted assessments of one organisation, per question and per component. When the two use
 * different versions of the instrument, each question of the earlier version is carried forward version by version: through
 * the newer version's {@code questionMap} where it names the question, otherwise to the question with the same code. Questions
 * with no counterpart are listed, never guessed. Levels are compared by their place in each version's scale.
 */
public final class Progress {
    public enum Movement {
        UP, SAME, DOWN
    }

    public record QuestionMove(String questionCode, String fromQuestionCode, String componentCode, String fromLevelCode, int fromOrdinal,
            String toLevelCode, int toOrdinal, Movement movement) {
    }

    public record ComponentMove(String componentCode, String name, int up, int same, int down, String fromSummaryLevelCode,
            String toSummaryLevelCode, Movement summaryMovement) {
    }

    public record Report(String fromAssessmentId, String toAssessmentId, String fromCycle, String toCycle, int fromInstrumentVersion,
            int toInstrumentVersion, int up, int same, int down, List<QuestionMove> questions, List<ComponentMove> components,
            List<String> unmappedFromQuestions, List<String> unmappedToQuestions, String tieRule) {
    }

    public record Side(String assessmentId, String cycle, int instrumentVersion, InstrumentDefinition definition, Map<String, Answer> answers) {
    }

    private Progress() {
    }

    /**
     * @param steps the definitions strictly after {@code from}'s version up to and including {@code to}'s, in order (empty
     *              when both use the same version)
     */
    public static Report between(Side from, Side to, List<InstrumentDefinition> steps) {
        Map<String, String> carried = new LinkedHashMap<>();
        for (InstrumentDefinition.Question q : from.definition().questions()) {
            carry(q.code(), steps).ifPresent(target -> carried.put(q.code(), target));
        }
        Results.AssessmentResults before = Results.of(from.assessmentId(), 0, "", from.definition(), from.answers());
        Results.AssessmentResults after = Results.of(to.assessmentId(), 0, "", to.definition(), to.answers());

        List<QuestionMove> moves = new ArrayList<>();
        Set<String> reached = new HashSet<>();
        for (Map.Entry<String, String> e : carried.entrySet()) {
            Results.QuestionResult a = find(before, e.getKey());
            Results.QuestionResult b = find(after, e.getValue());
            if (b == null || a.levelOrdinal() == 0 || b.levelOrdinal() == 0) {
                continue;
            }
            reached.add(b.questionCode());
            moves.add(new QuestionMove(b.questionCode(), a.questionCode(), b.componentCode(), a.levelCode(), a.levelOrdinal(),
                    b.levelCode(), b.levelOrdinal(), movement(a.levelOrdinal(), b.levelOrdinal())));
        }
        moves.sort(java.util.Comparator.comparingInt(m -> find(after, m.questionCode()).number()));
        List<String> unmappedFrom = from.definition().questions().stream().map(InstrumentDefinition.Question::code)
                .filter(c -> !carried.containsKey(c)).toList();
        List<String> unmappedTo = to.definition().questions().stream().map(InstrumentDefinition.Question::code)
                .filter(c -> !carried.containsValue(c)).toList();

        List<ComponentMove> components = new ArrayList<>();
        for (Results.ComponentResult c : after.components()) {
            List<QuestionMove> in = moves.stream().filter(m -> m.componentCode().equals(c.componentCode())).toList();
            String fromSummary = before.components().stream().filter(x -> x.componentCode().equals(c.componentCode()))
                    .map(Results.ComponentResult::summaryLevelCode).findFirst().orElse(null);
            int fromOrdinal = fromSummary == null ? 0 : from.definition().ordinalOf(fromSummary);
            int toOrdinal = c.summaryLevelCode() == null ? 0 : to.definition().ordinalOf(c.summaryLevelCode());
            components.add(new ComponentMove(c.componentCode(), c.name(), count(in, Movement.UP), count(in, Movement.SAME),
                    count(in, Movement.DOWN), fromSummary, c.summaryLevelCode(),
                    fromOrdinal == 0 || toOrdinal == 0 ? null : movement(fromOrdinal, toOrdinal)));
        }
        return new Report(from.assessmentId(), to.assessmentId(), from.cycle(), to.cycle(), from.instrumentVersion(),
                to.instrumentVersion(), count(moves, Movement.UP), count(moves, Movement.SAME), count(moves, Movement.DOWN), moves,
                components, unmappedFrom, unmappedTo, Results.TIE_RULE);
    }

    private static Optional<String> carry(String code, List<InstrumentDefinition> steps) {
        String current = code;
        for (InstrumentDefinition next : steps) {
            String mapped = next.questionMapOrEmpty().get(current);
            if (mapped != null) {
                current = mapped;
            } else if (next.question(current).isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    private static Results.QuestionResult find(Results.AssessmentResults r, String code) {
        return r.byQuestion().stream().filter(q -> q.questionCode().equals(code)).findFirst().orElse(null);
    }

    private static Movement movement(int from, int to) {
        return to > from ? Movement.UP : to < from ? Movement.DOWN : Movement.SAME;
    }

    private static int count(List<QuestionMove> moves, Movement m) {
        return (int) moves.stream().filter(x -> x.movement() == m).count();
    }
}
