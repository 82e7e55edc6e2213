package uk.nhs.impact.platform.fhir;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import uk.nhs.impact.platform.problem.ProblemException;

/** Reading answers out of, and writing them into, QuestionnaireResponses; the subject as an Organization by ODS code. */
public final class Responses {
    public static final String SUBJECT = "QuestionnaireResponse.subject";

    private Responses() {
    }

    /** The organisation a response is about: {@code subject.identifier} in the ODS system. */
    public static String odsCode(QuestionnaireResponse r) {
        Reference subject = r.getSubject();
        Identifier id = subject == null ? null : subject.getIdentifier();
        if (id == null || !Fhir.ODS_SYSTEM.equals(id.getSystem()) || id.getValue() == null || id.getValue().isBlank()) {
            throw ProblemException.validation(SUBJECT, "must be an Organization by identifier, system " + Fhir.ODS_SYSTEM + " and an ODS code");
        }
        if (subject.hasType() && !"Organization".equals(subject.getType())) {
            throw ProblemException.validation(SUBJECT, "must be an Organization, not " + subject.getType());
        }
        String ods = id.getValue().trim().toUpperCase(Locale.ROOT);
        if (!ods.matches("[A-Z0-9-]{3,12}")) {
            throw ProblemException.validation(SUBJECT, "must be an ODS code");
        }
        return ods;
    }

    public static Reference organisation(String odsCode) {
        return new Reference().setType("Organization").setIdentifier(new Identifier().setSystem(Fhir.ODS_SYSTEM).setValue(odsCode));
    }

    /** Every item with this linkId, at any depth (a repeating group gives several). */
    public static List<QuestionnaireResponseItemComponent> items(List<QuestionnaireResponseItemComponent> in, String linkId) {
        List<QuestionnaireResponseItemComponent> found = new ArrayList<>();
        for (QuestionnaireResponseItemComponent item : in) {
            if (linkId.equals(item.getLinkId())) {
                found.add(item);
            }
            found.addAll(items(item.getItem(), linkId));
        }
        return found;
    }

    /** The values answered to the item, in order (none when it is absent). */
    public static List<Type> values(List<QuestionnaireResponseItemComponent> in, String linkId) {
        List<Type> values = new ArrayList<>();
        for (QuestionnaireResponseItemComponent item : items(in, linkId)) {
            item.getAnswer().forEach(a -> {
                if (a.hasValue()) {
                    values.add(a.getValue());
                }
            });
        }
        return values;
    }

    public static Optional<String> string(List<QuestionnaireResponseItemComponent> in, String linkId) {
        return values(in, linkId).stream().filter(StringType.class::isInstance).map(v -> ((StringType) v).getValue()).findFirst();
    }

    public static Optional<String> code(List<QuestionnaireResponseItemComponent> in, String linkId) {
        return values(in, linkId).stream().filter(Coding.class::isInstance).map(v -> ((Coding) v).getCode()).findFirst();
    }

    public static List<String> codes(List<QuestionnaireResponseItemComponent> in, String linkId) {
        return values(in, linkId).stream().filter(Coding.class::isInstance).map(v -> ((Coding) v).getCode()).toList();
    }

    public static Optional<LocalDate> date(List<QuestionnaireResponseItemComponent> in, String linkId) {
        return values(in, linkId).stream().filter(DateType.class::isInstance)
                .map(v -> ((DateType) v).getValue().toInstant().atZone(ZoneOffset.UTC).toLocalDate()).findFirst();
    }

    /** A FHIR date for a local date (no time zone shift). */
    public static DateType date(LocalDate date) {
        return new DateType(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
    }
}
