package uk.nhs.impact.platform.instrument;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import uk.nhs.impact.platform.problem.FieldError;

/** Checks every instrument's rules make: codes that identify items of a list are unique within it. */
public final class DefinitionChecks {
    private DefinitionChecks() {
    }

    /**
     * The codes of the items of a list, adding an error {@code listField[i].code} for each code already used by an earlier
     * item; returns the distinct codes.
     */
    public static Set<String> uniqueCodes(List<String> codes, String listField, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            if (!seen.add(codes.get(i))) {
                errors.add(new FieldError(listField + "[" + i + "].code", codes.get(i) + " is used twice"));
            }
        }
        return seen;
    }
}
