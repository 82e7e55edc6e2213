package uk.nhs.impact.platform.hierarchy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One immutable state of the hierarchy: organisations, parent links and successions with their indexes, and the change
 * sets applied to the bundled reference data to reach it. {@link #with(ChangeSet)} builds the next state.
 */
final class HierarchySnapshot {
    /** Within one set, organisations open before anything moves into them, moves come before the merges that would move the rest. */
    private static final List<HierarchyChange.Kind> KIND_ORDER = List.of(HierarchyChange.Kind.OPEN, HierarchyChange.Kind.MOVE,
            HierarchyChange.Kind.MERGE, HierarchyChange.Kind.CLOSE);
    private static final Comparator<HierarchyChange> ORDER = Comparator.comparing(HierarchyChange::effective)
            .thenComparing(c -> KIND_ORDER.indexOf(c.kind()));

    final Map<String, Organisation> byCode;
    final List<ParentLink> links;
    final Map<String, List<ParentLink>> parents;
    final Map<String, List<ParentLink>> children;
    final List<Succession> successions;
    final List<ChangeSet> changeSets;

    HierarchySnapshot(List<Organisation> organisations, List<ParentLink> links, List<Succession> successions, List<ChangeSet> changeSets) {
        Map<String, Organisation> orgs = new LinkedHashMap<>();
        organisations.forEach(o -> orgs.put(o.odsCode(), o));
        Map<String, List<ParentLink>> up = new HashMap<>();
        Map<String, List<ParentLink>> down = new HashMap<>();
        List<ParentLink> sorted = links.stream().sorted(Comparator.comparing(ParentLink::validFrom)).toList();
        for (ParentLink l : sorted) {
            up.computeIfAbsent(l.child(), k -> new ArrayList<>()).add(l);
            down.computeIfAbsent(l.parent(), k -> new ArrayList<>()).add(l);
        }
        this.byCode = Collections.unmodifiableMap(orgs);
        this.links = sorted;
        this.parents = up;
        this.children = down;
        this.successions = List.copyOf(successions);
        this.changeSets = List.copyOf(changeSets);
    }

    /**
     * This state with {@code set} applied. Changes naming codes that do not exist are passed over here: the
     * {@link ChangeSetValidator} refuses them before a set is loaded.
     */
    HierarchySnapshot with(ChangeSet set) {
        Map<String, Organisation> orgs = new LinkedHashMap<>(byCode);
        List<ParentLink> next = new ArrayList<>(links);
        List<Succession> succ = new ArrayList<>(successions);
        List<HierarchyChange> changes = set.changes().stream().filter(c -> c.kind() != null && c.effective() != null && c.odsCode() != null)
                .sorted(ORDER).toList();
        for (HierarchyChange c : changes) {
            switch (c.kind()) {
                case OPEN -> {
                    if (!orgs.containsKey(c.odsCode())) {
                        orgs.put(c.odsCode(), new Organisation(c.odsCode(), c.name(), c.level(), c.trustType(), c.effective(), null, true));
                        if (c.parent() != null) {
                            next.add(new ParentLink(c.odsCode(), c.parent(), c.effective(), null));
                        }
                    }
                }
                case MOVE -> {
                    if (orgs.containsKey(c.odsCode()) && c.parent() != null) {
                        moveTo(next, orgs.get(c.odsCode()), c.parent(), c.effective());
                    }
                }
                case MERGE -> {
                    for (String p : c.predecessorCodes()) {
                        if (orgs.containsKey(p) && !p.equals(c.odsCode())) {
                            moveChildren(next, orgs, p, c.odsCode(), c.effective(), changes);
                            close(orgs, next, p, c.effective());
                            succ.add(new Succession(p, c.odsCode(), c.effective()));
                        }
                    }
                }
                case CLOSE -> close(orgs, next, c.odsCode(), c.effective());
            }
        }
        List<ChangeSet> sets = new ArrayList<>(changeSets);
        sets.add(set);
        return new HierarchySnapshot(new ArrayList<>(orgs.values()), next, succ, sets);
    }

    /** The children of a merged organisation open on the merge date follow it to the successor, unless the set moves them. */
    private static void moveChildren(List<ParentLink> links, Map<String, Organisation> orgs, String predecessor, String successor,
            LocalDate effective, List<HierarchyChange> changes) {
        LocalDate lastDay = effective.minusDays(1);
        List<ParentLink> under = links.stream().filter(l -> l.parent().equals(predecessor) && l.validOn(lastDay)).toList();
        for (ParentLink l : under) {
            Organisation child = orgs.get(l.child());
            boolean movedBySet = changes.stream().anyMatch(c -> c.kind() == HierarchyChange.Kind.MOVE && l.child().equals(c.odsCode()));
            if (child != null && child.openOn(effective) && !movedBySet) {
                moveTo(links, child, successor, effective);
            }
        }
    }

    /** Ends the parent link current on {@code from} the day before and starts one to {@code parent}. */
    private static void moveTo(List<ParentLink> links, Organisation org, String parent, LocalDate from) {
        endLinks(links, org.odsCode(), from.minusDays(1));
        links.add(new ParentLink(org.odsCode(), parent, from, org.validTo()));
    }

    /** The organisation and its parent links end on {@code effective - 1}. */
    private static void close(Map<String, Organisation> orgs, List<ParentLink> links, String code, LocalDate effective) {
        Organisation o = orgs.get(code);
        LocalDate lastDay = effective.minusDays(1);
        if (o == null || (o.validTo() != null && o.validTo().isBefore(lastDay))) {
            return;
        }
        orgs.put(code, new Organisation(o.odsCode(), o.name(), o.level(), o.trustType(), o.validFrom(), lastDay, true));
        endLinks(links, code, lastDay);
    }

    /** Links of {@code child} still valid after {@code lastDay} end on it (or go, when they would only start later). */
    private static void endLinks(List<ParentLink> links, String child, LocalDate lastDay) {
        for (int i = links.size() - 1; i >= 0; i--) {
            ParentLink l = links.get(i);
            if (l.child().equals(child) && (l.validTo() == null || l.validTo().isAfter(lastDay))) {
                if (l.validFrom().isAfter(lastDay)) {
                    links.remove(i);
                } else {
                    links.set(i, new ParentLink(l.child(), l.parent(), l.validFrom(), lastDay));
                }
            }
        }
    }
}
