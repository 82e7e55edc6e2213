package uk.nhs.impact.survey.response;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** How complete a run is: respondents, distinct trusts, coverage of all trusts in England, respondents by role, answers per question. */
public record Completeness(String runId, String referenceDate, long respondents, long trusts, Figure trustCoverage,
        Map<String, Long> respondentsByRole, List<QuestionCount> questions) {

    /** A share with what it is made of; {@code percentage} is rounded half up to a whole number, as published. */
    public record Figure(long numerator, long denominator, BigDecimal percentage) {
        static Figure of(long numerator, long denominator) {
            BigDecimal pct = denominator == 0
                    ? null
                    : BigDecimal.valueOf(numerator * 100).divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP);
            return new Figure(numerator, denominator, pct);
        }
    }

    public record QuestionCount(String code, String level, boolean required, Figure answered) {
    }
}
