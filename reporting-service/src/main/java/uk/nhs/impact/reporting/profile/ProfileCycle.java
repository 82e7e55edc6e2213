package uk.nhs.impact.reporting.profile;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * A profile's cycle: an NHS financial year named as self-assessment cycles are ({@code 2023-24}: 1 April 2023 to 31 March
 * 2024). The self-assessments of the cycle are those filed under that cycle name; the baseline collection and the survey
 * run of the cycle are those whose reference date falls within the year (the latest, when there are several).
 */
public record ProfileCycle(int startYear) {
    private static final Pattern NAME = Pattern.compile("(\\d{4})-(\\d{2})");

    /** The cycle named {@code value}; 400 naming {@code cycle} when it is missing or not a financial year. */
    public static ProfileCycle parse(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.validation("cycle", "is required, a financial year such as 2023-24");
        }
        Matcher m = NAME.matcher(value.trim());
        if (!m.matches()) {
            throw ProblemException.validation("cycle", "must be a financial year such as 2023-24");
        }
        int start = Integer.parseInt(m.group(1));
        if (start < 2000 || start > 2999 || Integer.parseInt(m.group(2)) != (start + 1) % 100) {
            throw ProblemException.validation("cycle", "must be a financial year such as 2023-24: the second year follows the first");
        }
        return new ProfileCycle(start);
    }

    public String name() {
        return String.format(java.util.Locale.ROOT, "%d-%02d", startYear, (startYear + 1) % 100);
    }

    public ProfileCycle previous() {
        return new ProfileCycle(startYear - 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(startYear, 4, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(startYear + 1, 3, 31);
    }

    /** The date the hierarchy is read at when none of the cycle's returns names one: the middle of the year. */
    public LocalDate midYear() {
        return LocalDate.of(startYear, 9, 30);
    }
}
