package uk.nhs.impact.platform.hierarchy;

import java.time.LocalDate;

/** An effective-dated parent link: {@code child} reports to {@code parent} from {@code validFrom} to {@code validTo} inclusive. */
public record ParentLink(String child, String parent, LocalDate validFrom, LocalDate validTo) {
    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }
}
