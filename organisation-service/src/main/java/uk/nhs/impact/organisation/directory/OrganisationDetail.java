package uk.nhs.impact.organisation.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;

/**
 * One organisation with its history: its direct parent on the date asked for, every parent it has had with the dates,
 * and the organisations it took over ({@code predecessors}) or was taken over by ({@code successors}) with the date.
 */
public record OrganisationDetail(String odsCode, String name, String level, String trustType, LocalDate validFrom, LocalDate validTo,
        String parent, List<ParentPeriod> parents, List<Succession> predecessors, List<Succession> successors) {

    /** A parent over a period, {@code from} to {@code to} inclusive ({@code to} null: still its parent). */
    public record ParentPeriod(String parent, LocalDate from, LocalDate to) {
    }

    /** The other organisation in a merger or takeover, and the date it took effect. */
    public record Succession(String odsCode, LocalDate effective) {
    }

    static OrganisationDetail of(Organisation o, OrganisationHierarchy hierarchy, LocalDate asOf) {
        String code = o.odsCode();
        return new OrganisationDetail(code, o.name(), o.level().name().toLowerCase(Locale.ROOT), o.trustType(), o.validFrom(), o.validTo(),
                hierarchy.parentOf(code, asOf).orElse(null),
                hierarchy.parentLinksOf(code).stream().map(l -> new ParentPeriod(l.parent(), l.validFrom(), l.validTo())).toList(),
                hierarchy.predecessorsOf(code).stream().map(s -> new Succession(s.predecessor(), s.effective())).toList(),
                hierarchy.successorsOf(code).stream().map(s -> new Succession(s.successor(), s.effective())).toList());
    }

    /** A version for the ETag: changes whenever anything shown changes (records hash their values, never identities). */
    public long version() {
        return Integer.toUnsignedLong(hashCode());
    }
}
