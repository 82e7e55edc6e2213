package uk.nhs.impact.reporting.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.impact.reporting.figures.Figure;

/** Counts of answers per maturity level (ordinal), their shares and median. */
public record LevelDistribution(long answers, List<LevelCount> levels, BigDecimal median, boolean suppressed, String suppressionReason) {

    public record LevelCount(int level, Figure figure) {
    }

    public static LevelDistribution of(Map<Integer, Long> counts) {
        long n = counts.values().stream().mapToLong(Long::longValue).sum();
        List<LevelCount> levels = new ArrayList<>();
        new TreeMap<>(counts).forEach((level, c) -> levels.add(new LevelCount(level, Figure.of(c, n))));
        return new LevelDistribution(n, levels, median(counts), false, null);
    }

    public static LevelDistribution suppressed(long answers, String reason) {
        return new LevelDistribution(answers, List.of(), null, true, reason);
    }

    /** The distribution of these counts, or, with a reason, only how many answers there were. */
    public static LevelDistribution of(Map<Integer, Long> counts, String suppressionReason) {
        return suppressionReason == null
                ? of(counts)
                : suppressed(counts.values().stream().mapToLong(Long::longValue).sum(), suppressionReason);
    }

    /** The middle level; with an even number of answers, the mean of the two middle ones (e.g. 1.5). */
    static BigDecimal median(Map<Integer, Long> counts) {
        long n = counts.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        int lower = at(counts, (n - 1) / 2);
        int upper = at(counts, n / 2);
        return BigDecimal.valueOf(lower + upper).divide(BigDecimal.valueOf(2), 1, RoundingMode.UNNECESSARY).stripTrailingZeros();
    }

    private static int at(Map<Integer, Long> counts, long index) {
        long seen = 0;
        for (Map.Entry<Integer, Long> e : new TreeMap<>(counts).entrySet()) {
            seen += e.getValue();
            if (index < seen) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("index past the counts");
    }
}
