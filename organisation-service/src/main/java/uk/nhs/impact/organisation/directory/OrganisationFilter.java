package uk.nhs.impact.organisation.directory;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.problem.FieldError;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * What a list of organisations is narrowed to, read from the query parameters: every value is checked here, so a bad one
 * is a 400 naming its parameter before anything is looked up. Null means "any".
 */
public record OrganisationFilter(OrgLevel level, String parent, String trustType, LocalDate asOf, String nameContains) {
    static final List<String> LEVELS = List.of("national", "region", "icb", "trust", "directorate");
    static final List<String> TRUST_TYPES = List.of("acute", "mental_health", "community", "ambulance", "specialist");

    /** The filter the parameters name; every invalid parameter is reported at once. */
    public static OrganisationFilter of(String level, String parent, String type, String asOf, String q) {
        List<FieldError> errors = new java.util.ArrayList<>();
        OrgLevel lvl = null;
        if (level != null) {
            String l = level.toLowerCase(Locale.ROOT);
            if (LEVELS.contains(l)) {
                lvl = OrgLevel.valueOf(l.toUpperCase(Locale.ROOT));
            } else {
                errors.add(new FieldError("level", "must be one of " + String.join(", ", LEVELS)));
            }
        }
        String trustType = type == null ? null : type.toLowerCase(Locale.ROOT);
        if (trustType != null && !TRUST_TYPES.contains(trustType)) {
            errors.add(new FieldError("type", "must be one of " + String.join(", ", TRUST_TYPES)));
        }
        LocalDate date = null;
        try {
            date = date(asOf);
        } catch (ProblemException e) {
            errors.addAll(e.errors());
        }
        String search = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new OrganisationFilter(lvl, parent == null ? null : parent.toUpperCase(Locale.ROOT), trustType, date, search);
    }

    /** {@code asOf} as a date: today when absent, a 400 naming {@code asOf} when it is not an ISO date. */
    public static LocalDate date(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return LocalDate.now();
        }
        try {
            return LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw ProblemException.validation("asOf", "must be an ISO date (yyyy-mm-dd)");
        }
    }
}
