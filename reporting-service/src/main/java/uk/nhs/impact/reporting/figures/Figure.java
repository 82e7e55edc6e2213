package uk.nhs.impact.reporting.figures;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One published number: {@code numerator} of {@code denominator}, as a whole percentage rounded half up from the counts.
 * A suppressed figure keeps its denominator (how many contributed) but hides numerator and percentage, and says why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Figure(Long numerator, long denominator, Integer percentage, boolean suppressed, String suppressionReason) {

    public static Figure of(long numerator, long denominator) {
        if (numerator < 0 || denominator < 0 || numerator > denominator) {
            throw new IllegalArgumentException(numerator + " of " + denominator);
        }
        return new Figure(numerator, denominator, percent(numerator, denominator), false, null);
    }

    public static Figure suppressed(long denominator, String reason) {
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
