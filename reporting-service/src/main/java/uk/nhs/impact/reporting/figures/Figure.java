package uk.nhs.impact.reporting.figures;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One published number: {@code numerator} of {@code denominator}, as a whole percentage rounded half up from the counts.
 * A suppressed figure hides numerator and percentage, and says why; it keeps its denominator only where that is collected
 * data (how many organisations contributed), never where the denominator itself is an answer (who answered a question).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Figure(Long numerator, Long denominator, Integer percentage, boolean suppressed, String suppressionReason) {

    public static Figure of(long numerator, long denominator) {
        if (numerator < 0 || denominator < 0 || numerator > denominator) {
            throw new IllegalArgumentException(numerator + " of " + denominator);
        }
        return new Figure(numerator, denominator, percent(numerator, denominator), false, null);
    }

    /** @param denominator how many contributed, or null where that must stay hidden too */
    public static Figure suppressed(Long denominator, String reason) {
        return new Figure(null, denominator, null, true, reason);
    }

    /** Round half up of 100 × numerator / denominator, computed exactly; null when nothing was counted. */
    public static Integer percent(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP).intValueExact();
    }
}
