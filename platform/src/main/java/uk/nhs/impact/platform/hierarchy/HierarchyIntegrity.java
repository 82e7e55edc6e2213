package uk.nhs.impact.platform.hierarchy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import uk.nhs.impact.platform.hierarchy.HierarchyChange.Kind;
import uk.nhs.impact.platform.problem.FieldError;

/**
 * The whole-hierarchy rules a change set must keep, checked on the hierarchy after it on every date from its earliest
 * effective date on: every open trust, ICB and region has an open parent (no orphan), and no organisation is its own
 * ancestor (no cycle). Only what the set causes is reported, each on the change responsible.
 */
final class HierarchyIntegrity {
    private static final Set<OrgLevel> CHECKED = Set.of(OrgLevel.TRUST, OrgLevel.ICB, OrgLevel.REGION);
    private static final int MAX_DEPTH = 8;

    private HierarchyIntegrity() {
    }

    /** How messages name a level: trust, ICB, region, X24. */
    static String describe(OrgLevel level) {
        return switch (level) {
            case ICB -> "ICB";
            case NATIONAL -> "X24";
            default -> level.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The level an organisation of {@code level} reports to. */
    static OrgLevel parentLevel(OrgLevel level) {
        return switch (level) {
            case TRUST -> OrgLevel.ICB;
            case ICB -> OrgLevel.REGION;
            default -> OrgLevel.NATIONAL;
        };
    }

    static List<FieldError> check(OrganisationHierarchy before, OrganisationHierarchy after, ChangeSet set) {
        Optional<LocalDate> earliest = set.changes().stream().filter(c -> c != null && c.effective() != null)
                .map(HierarchyChange::effective).min(LocalDate::compareTo);
        if (earliest.isEmpty()) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (LocalDate d : datesOfChange(after, earliest.get())) {
            for (Organisation o : after.all(d)) {
                if (o.level() == null || !CHECKED.contains(o.level()) || reported.contains(o.odsCode())) {
                    continue;
                }
                if (orphaned(after, o, d) && !orphaned(before, o, d)) {
                    reported.add(o.odsCode());
                    String parent = after.parentOf(o.odsCode(), d).orElse(null);
                    errors.add(new FieldError(blame(set, o.odsCode(), parent), o.odsCode() + " would have no open "
                            + describe(parentLevel(o.level())) + " on " + d
                            + (parent == null ? "" : " (" + parent + " is closed)") + ": move it in the same change set"));
                }
                List<String> cycle = cycle(after, o.odsCode(), d);
                if (!cycle.isEmpty() && reported.add("cycle:" + new TreeSet<>(cycle))) {
                    errors.add(new FieldError(blameCycle(set, cycle), "would make a cycle on " + d + ": " + String.join(" → ", cycle)));
                }
            }
        }
        return errors;
    }

    /** The earliest date, and every later date on which an organisation or a parent link starts or ends. */
    private static Set<LocalDate> datesOfChange(OrganisationHierarchy h, LocalDate earliest) {
        Set<LocalDate> dates = new TreeSet<>();
        dates.add(earliest);
        for (Organisation o : h.everyOrganisation()) {
            add(dates, o.validFrom(), earliest);
            add(dates, o.validTo() == null ? null : o.validTo().plusDays(1), earliest);
            for (ParentLink l : h.parentLinksOf(o.odsCode())) {
                add(dates, l.validFrom(), earliest);
                add(dates, l.validTo() == null ? null : l.validTo().plusDays(1), earliest);
            }
        }
        return dates;
    }

    private static void add(Set<LocalDate> dates, LocalDate d, LocalDate earliest) {
        if (d != null && !d.isBefore(earliest)) {
            dates.add(d);
        }
    }

    private static boolean orphaned(OrganisationHierarchy h, Organisation o, LocalDate d) {
        return h.parentOf(o.odsCode(), d).flatMap(p -> h.find(p, d)).isEmpty();
    }

    /** The chain from {@code code} back to itself when it is its own ancestor on {@code d}; empty otherwise. */
    private static List<String> cycle(OrganisationHierarchy h, String code, LocalDate d) {
        Set<String> seen = new LinkedHashSet<>();
        String current = code;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (!seen.add(current)) {
                if (!current.equals(code)) {
                    return List.of();
                }
                List<String> chain = new ArrayList<>(seen);
                chain.add(code);
                return chain;
            }
            current = h.parentOf(current, d).orElse(null);
        }
        return List.of();
    }

    /** The field of the change that leaves {@code orphan} without a parent: the closure or merger of its parent, or its own change. */
    private static String blame(ChangeSet set, String orphan, String parent) {
        List<HierarchyChange> changes = set.changes();
        for (int i = 0; i < changes.size(); i++) {
            HierarchyChange c = changes.get(i);
            if (c == null || c.kind() == null) {
                continue;
            }
            if (c.kind() == Kind.CLOSE && c.odsCode() != null && c.odsCode().equals(parent)) {
                return "changes[" + i + "].odsCode";
            }
            if (c.kind() == Kind.MERGE && parent != null && c.predecessorCodes().contains(parent)) {
                return "changes[" + i + "].predecessors[" + c.predecessorCodes().indexOf(parent) + "]";
            }
        }
        for (int i = 0; i < changes.size(); i++) {
            HierarchyChange c = changes.get(i);
            if (c != null && orphan.equals(c.odsCode())) {
                return "changes[" + i + "]." + (c.kind() == Kind.OPEN || c.kind() == Kind.MOVE ? "parent" : "odsCode");
            }
        }
        return "changes";
    }

    private static String blameCycle(ChangeSet set, List<String> cycle) {
        List<HierarchyChange> changes = set.changes();
        for (int i = 0; i < changes.size(); i++) {
            HierarchyChange c = changes.get(i);
            if (c != null && (c.kind() == Kind.MOVE || c.kind() == Kind.OPEN) && cycle.contains(c.odsCode())) {
                return "changes[" + i + "].parent";
            }
        }
        return "changes";
    }
}
