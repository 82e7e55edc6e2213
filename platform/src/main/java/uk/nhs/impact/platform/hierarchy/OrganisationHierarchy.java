package uk.nhs.impact.platform.hierarchy;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The NHS organisation hierarchy, effective-dated: NHS England (X24) → regions → ICBs → trusts, plus NHS England's national
 * directorates. Every lookup takes the date it is asked for, so a 2023 collection is reported against the 2023 hierarchy
 * even after later mergers. The bundled reference data is the base; change sets ({@link #with(ChangeSet)}) add openings,
 * closures, mergers and moves. Each instance reads one immutable snapshot at a time; the service's instance has it replaced
 * as a whole when a change set arrives ({@link HierarchyChanges}), so a lookup never sees half a change set.
 */
public final class OrganisationHierarchy {
    public static final String NHS_ENGLAND = "X24";
    /** ICBs were established on this date (and their parent links with them). */
    public static final LocalDate ICBS_ESTABLISHED = LocalDate.of(2022, 7, 1);
    /** Chains of mergers are followed at most this far, so bad data cannot loop. */
    private static final int MAX_CHAIN = 32;

    private volatile HierarchySnapshot snapshot;

    OrganisationHierarchy(HierarchySnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** Loads the bundled reference data under {@code reference/}. */
    public static OrganisationHierarchy loadBundled() {
        return new OrganisationHierarchy(BundledHierarchy.load());
    }

    /** yyyymmdd, yyyy-mm-dd, or text holding an ISO date (e.g. "UNCONFIRMED (c. 2024-10-31)"). */
    static LocalDate parseDate(String text, LocalDate fallback) {
        return BundledHierarchy.parseDate(text, fallback);
    }

    /** A new hierarchy: this one with {@code set} applied (this one is unchanged). */
    public OrganisationHierarchy with(ChangeSet set) {
        return new OrganisationHierarchy(snapshot.with(set));
    }

    /** Takes over {@code next}'s state in one step: readers see the old state or the new one, never a mixture. */
    void replaceWith(OrganisationHierarchy next) {
        this.snapshot = next.snapshot;
    }

    /** The change sets applied over the bundled reference data, in the order they were applied. */
    public List<ChangeSet> changeSets() {
        return snapshot.changeSets;
    }

    /** True when the change set with this id is part of this hierarchy. */
    public boolean hasApplied(java.util.UUID changeSetId) {
        return snapshot.changeSets.stream().anyMatch(s -> s.id().equals(changeSetId));
    }

    /** The organisation if the code is known at all, whatever the date. */
    public Optional<Organisation> find(String odsCode) {
        return Optional.ofNullable(odsCode == null ? null : snapshot.byCode.get(odsCode));
    }

    /** The organisation if it was open on {@code date}. */
    public Optional<Organisation> find(String odsCode, LocalDate date) {
        return find(odsCode).filter(o -> o.openOn(date));
    }

    /** The direct parent on {@code date} (a trust's ICB, an ICB's region, a region's or directorate's X24). */
    public Optional<String> parentOf(String odsCode, LocalDate date) {
        return parentLinksOf(odsCode).stream().filter(l -> l.validOn(date)).map(ParentLink::parent).findFirst();
    }

    /** Every parent link of an organisation over time, oldest first. */
    public List<ParentLink> parentLinksOf(String odsCode) {
        return snapshot.parents.getOrDefault(odsCode, List.of());
    }

    /** The organisations merged into {@code odsCode}, oldest merger first. */
    public List<Succession> predecessorsOf(String odsCode) {
        return snapshot.successions.stream().filter(s -> s.successor().equals(odsCode)).sorted(Comparator.comparing(Succession::effective))
                .toList();
    }

    /** What {@code odsCode} was merged into (normally one). */
    public List<Succession> successorsOf(String odsCode) {
        return snapshot.successions.stream().filter(s -> s.predecessor().equals(odsCode)).sorted(Comparator.comparing(Succession::effective))
                .toList();
    }

    /** The organisation that {@code odsCode} had been merged into by {@code date}, following chains of mergers; empty when none. */
    public Optional<String> latestSuccessorOf(String odsCode, LocalDate date) {
        String current = odsCode;
        for (int step = 0; step < MAX_CHAIN; step++) {
            Optional<Succession> next = successorsOf(current).stream().filter(s -> !s.effective().isAfter(date)).findFirst();
            if (next.isEmpty()) {
                break;
            }
            current = next.get().successor();
        }
        return Objects.equals(current, odsCode) ? Optional.empty() : Optional.of(current);
    }

    /** The (host) ICB of a trust on {@code date}. */
    public Optional<String> icbOf(String odsCode, LocalDate date) {
        return find(odsCode, date).filter(o -> o.level() == OrgLevel.TRUST).flatMap(o -> parentOf(odsCode, date));
    }

    /** The region of a trust, ICB or region itself on {@code date}. */
    public Optional<String> regionOf(String odsCode, LocalDate date) {
        Optional<Organisation> org = find(odsCode, date);
        if (org.isEmpty()) {
            return Optional.empty();
        }
        return switch (org.get().level()) {
            case REGION -> Optional.of(odsCode);
            case ICB -> parentOf(odsCode, date);
            case TRUST -> icbOf(odsCode, date).flatMap(icb -> parentOf(icb, date));
            default -> Optional.empty();
        };
    }

    /** The organisations directly below {@code odsCode} on {@code date}, in code order. */
    public List<Organisation> childrenOf(String odsCode, LocalDate date) {
        HierarchySnapshot s = snapshot;
        return s.children.getOrDefault(odsCode, List.of()).stream().filter(l -> l.validOn(date))
                .map(l -> s.byCode.get(l.child())).filter(o -> o != null && o.openOn(date))
                .sorted(Comparator.comparing(Organisation::odsCode)).toList();
    }

    /** The trusts of an ICB on {@code date}. */
    public List<Organisation> trustsOfIcb(String icbCode, LocalDate date) {
        return childrenOf(icbCode, date).stream().filter(o -> o.level() == OrgLevel.TRUST).toList();
    }

    /** The ICBs of a region on {@code date}. */
    public List<Organisation> icbsOfRegion(String regionCode, LocalDate date) {
        return childrenOf(regionCode, date).stream().filter(o -> o.level() == OrgLevel.ICB).toList();
    }

    /** The trusts of a region on {@code date}. */
    public List<Organisation> trustsOfRegion(String regionCode, LocalDate date) {
        return icbsOfRegion(regionCode, date).stream().flatMap(icb -> trustsOfIcb(icb.odsCode(), date).stream())
                .sorted(Comparator.comparing(Organisation::odsCode)).toList();
    }

    /** Every organisation of a level open on {@code date}, in code order. */
    public List<Organisation> all(OrgLevel level, LocalDate date) {
        return all(date).stream().filter(o -> o.level() == level).toList();
    }

    /** Every organisation open on {@code date}, in code order. */
    public List<Organisation> all(LocalDate date) {
        return snapshot.byCode.values().stream().filter(o -> o.openOn(date)).sorted(Comparator.comparing(Organisation::odsCode)).toList();
    }

    /** Every organisation ever known, open or closed, in code order. */
    public List<Organisation> everyOrganisation() {
        return snapshot.byCode.values().stream().sorted(Comparator.comparing(Organisation::odsCode)).toList();
    }

    /** True when {@code descendant} sits at or below {@code ancestor} on {@code date}. */
    public boolean isWithin(String descendant, String ancestor, LocalDate date) {
        String current = descendant;
        for (int depth = 0; current != null && depth < 5; depth++) {
            if (current.equals(ancestor)) {
                return true;
            }
            current = parentOf(current, date).orElse(null);
        }
        return false;
    }
}
