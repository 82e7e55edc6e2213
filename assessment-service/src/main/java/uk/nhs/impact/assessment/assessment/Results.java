package uk.nhs.impact.assessment.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;

/**
 * What an assessment says: the level per question, how levels are spread within each component, and one summary level per
 * component. The summary is the most frequent level; when levels tie, the LOWER tied level is the summary and the tie is
 * reported ({@code tied}, {@code tiedLevelCodes}) — a self-assessment should not round itself up.
 */
public final class Results {
    public static final String TIE_RULE = "The component summary is its most frequent level; on a tie the lowest of the tied levels "
            + "is reported as the summary, with tied=true and every tied level listed.";

    private Results() {
    }

    public record QuestionResult(String questionCode, int number, String componentCode, String title, String levelCode, String levelName,
            int levelOrdinal) {
    }

    public record LevelCount(String levelCode, String levelName, int ordinal, boolean provisional, int count) {
    }

    public record ComponentResult(String componentCode, String name, int questions, int answered, List<LevelCount> distribution,
            String summaryLevelCode, String summaryLevelName, boolean tied, List<String> tiedLevelCodes) {
    }

    public record AssessmentResults(String assessmentId, int revision, String status, int questions, int answered,
            List<LevelCount> overall, List<ComponentResult> components, List<QuestionResult> byQuestion,
            String tieRule) {
    }

    public static AssessmentResults of(String id, int revision, String status, InstrumentDefinition def, Map<String, Answer> answers) {
        List<QuestionResult> byQuestion = new ArrayList<>();
        for (InstrumentDefinition.Question q : def.questions()) {
            Answer a = answers.get(q.code());
            int ordinal = a == null || !a.hasLevel() ? 0 : def.ordinalOf(a.levelCode());
            InstrumentDefinition.Level level = ordinal == 0 ? null : def.levels().get(ordinal - 1);
            byQuestion.add(new QuestionResult(q.code(), q.number(), q.componentCode(), q.title(),
                    level == null ? null : level.code(), level == null ? null : level.name(), ordinal));
        }
        List<ComponentResult> components = new ArrayList<>();
        for (InstrumentDefinition.Component c : def.components()) {
            List<QuestionResult> in = byQuestion.stream().filter(r -> r.componentCode().equals(c.code())).toList();
            components.add(component(c, in, def));
        }
        int answered = (int) byQuestion.stream().filter(r -> r.levelOrdinal() > 0).count();
        return new AssessmentResults(id, revision, status, byQuestion.size(), answered, distribution(byQuestion, def), components,
                byQuestion, TIE_RULE);
    }

    private static ComponentResult component(InstrumentDefinition.Component c, List<QuestionResult> in, InstrumentDefinition def) {
        List<LevelCount> distribution = distribution(in, def);
        int max = distribution.stream().mapToInt(LevelCount::count).max().orElse(0);
        List<String> tiedCodes = max == 0
                ? List.of()
                : distribution.stream().filter(l -> l.count() == max).map(LevelCount::levelCode).toList();
        LevelCount summary = max == 0 ? null : distribution.stream().filter(l -> l.count() == max).findFirst().orElseThrow();
        int answered = (int) in.stream().filter(r -> r.levelOrdinal() > 0).count();
        return new ComponentResult(c.code(), c.name(), in.size(), answered, distribution,
                summary == null ? null : summary.levelCode(), summary == null ? null : summary.levelName(),
                tiedCodes.size() > 1, tiedCodes.size() > 1 ? tiedCodes : List.of());
    }

    /** Counts for every level of the scale, lowest first, zeros included. */
    private static List<LevelCount> distribution(List<QuestionResult> results, InstrumentDefinition def) {
        List<LevelCount> out = new ArrayList<>();
        for (int i = 0; i < def.levels().size(); i++) {
            int ordinal = i + 1;
            InstrumentDefinition.Level l = def.levels().get(i);
            int count = (int) results.stream().filter(r -> r.levelOrdinal() == ordinal).count();
            out.add(new LevelCount(l.code(), l.name(), ordinal, l.provisional(), count));
        }
        return out;
    }
}
