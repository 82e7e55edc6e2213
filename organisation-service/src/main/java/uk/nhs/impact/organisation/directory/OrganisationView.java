package uk.nhs.impact.organisation.directory;

import java.time.LocalDate;
import java.util.Locale;
import uk.nhs.impact.platform.hierarchy.Organisation;

/** One organisation in a list: what it is and its direct parent on the date asked for. */
public record OrganisationView(String odsCode, String name, String level, String trustType, LocalDate validFrom, LocalDate validTo,
        String parent) {
    static OrganisationView of(Organisation o, String parent) {
        return new OrganisationView(o.odsCode(), o.name(), o.level().name().toLowerCase(Locale.ROOT), o.trustType(), o.validFrom(),
                o.validTo(), parent);
    }
}
