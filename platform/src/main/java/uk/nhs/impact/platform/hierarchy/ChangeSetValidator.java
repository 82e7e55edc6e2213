package uk.nhs.impact.platform.hierarchy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nhs.impact.platform.hierarchy.HierarchyChange.Kind;
import uk.nhs.impact.platform.problem.FieldError;

/**
 * The rules a change set must meet before it is loaded, checked against the hierarchy it would change: codes known (or
 * opened by the set), each level under the level above it, dates consistent with what each organisation's history already
 * holds, and afterwards no organisation left without an open parent and no cycle ({@link HierarchyIntegrity}). Pure: no
 * state, no I/O. Field paths name the change, e.g. {@code changes[2].parent}.
 */
public final class ChangeSetValidator {
    static final Set<String> TRUST_TYPES = Set.of("acute", "mental_health", "community", "ambulance", "specialist");
    private static final Set<OrgLevel> OPENABLE = Set.of(OrgLevel.TRUST, OrgLevel.ICB, OrgLevel.REGION);

    private final OrganisationHierarchy current;
    private final List<FieldError> errors = new ArrayList<>();
    /** Organisations the set opens, by code, with the index of the change that opens them. */
    private final Map<String, Integer> opened = new HashMap<>();
    private final List<HierarchyChange> changes;

    private ChangeSetValidator(OrganisationHierarchy current, ChangeSet set) {
        this.current = current;
        this.changes = set.changes();
        for (int i = 0; i < changes.size(); i++) {
            HierarchyChange c = changes.get(i);
            if (c != null && c.kind() == Kind.OPEN && !blank(c.odsCode()) && c.effective() != null) {
                opened.putIfAbsent(c.odsCode(), i);
            }
        }
    }

    /** Every rule {@code set} breaks against {@code current}; empty when it may be loaded. */
    public static List<FieldError> validate(OrganisationHierarchy current, ChangeSet set) {
        if (set.changes().isEmpty()) {
            return List.of(new FieldError("changes", "must hold at least one change"));
        }
        ChangeSetValidator v = new ChangeSetValidator(current, set);
        v.checkEach();
        v.errors.addAll(HierarchyIntegrity.check(current, current.with(set), set));
        return List.copyOf(v.errors);
    }

    private void checkEach() {
        for (int i = 0; i < changes.size(); i++) {
            HierarchyChange c = changes.get(i);
            if (c == null || c.kind() == null) {
                error(i, "kind", "is required: OPEN, CLOSE, MERGE or MOVE");
                continue;
            }
            if (blank(c.odsCode()) || c.effective() == null) {
                if (blank(c.odsCode())) {
                    error(i, "odsCode", "is required");
                }
                if (c.effective() == null) {
                    error(i, "effective", "is required");
                }
                continue;
            }
            switch (c.kind()) {
                case OPEN -> checkOpen(i, c);
                case CLOSE -> checkChanged(i, "odsCode", c.odsCode(), c.effective());
                case MOVE -> checkMove(i, c);
                case MERGE -> checkMerge(i, c);
            }
        }
    }

    private void checkOpen(int i, HierarchyChange c) {
        if (current.find(c.odsCode()).isPresent()) {
            error(i, "odsCode", c.odsCode() + " already exists: a code is never reused");
        } else if (opened.get(c.odsCode()) != i) {
            error(i, "odsCode", c.odsCode() + " is opened twice in this change set");
        }
        if (blank(c.name())) {
            error(i, "name", "is required");
        }
        if (c.level() == null || !OPENABLE.contains(c.level())) {
            error(i, "level", "must be TRUST, ICB or REGION");
            return;
        }
        if (c.level() == OrgLevel.TRUST && (c.trustType() == null || !TRUST_TYPES.contains(c.trustType()))) {
            error(i, "trustType", "must be one of " + String.join(", ", TRUST_TYPES.stream().sorted().toList()));
        }
        checkParent(i, c.level(), c.parent(), c.effective());
    }

    private void checkMove(int i, HierarchyChange c) {
        Optional<OrgLevel> level = levelOf(c.odsCode());
        checkChanged(i, "odsCode", c.odsCode(), c.effective());
        level.ifPresent(l -> checkParent(i, l, c.parent(), c.effective()));
    }

    private void checkMerge(int i, HierarchyChange c) {
        Optional<OrgLevel> level = levelOf(c.odsCode());
        if (level.isEmpty()) {
            error(i, "odsCode", "unknown organisation " + c.odsCode());
        } else if (!openOn(c.odsCode(), c.effective())) {
            error(i, "odsCode", "the successor " + c.odsCode() + " is not open on " + c.effective());
        }
        if (c.predecessorCodes().isEmpty()) {
            error(i, "predecessors", "must name at least one organisation");
        }
        for (int j = 0; j < c.predecessorCodes().size(); j++) {
            String p = c.predecessorCodes().get(j);
            String field = "predecessors[" + j + "]";
            if (p == null || p.equals(c.odsCode())) {
                error(i, field, "must be another organisation than the successor");
                continue;
            }
            if (checkChanged(i, field, p, c.effective()) && level.isPresent() && levelOf(p).orElseThrow() != level.get()) {
                error(i, field, p + " is " + article(levelOf(p).orElseThrow()) + " " + HierarchyIntegrity.describe(levelOf(p).orElseThrow())
                        + ", the successor " + article(level.get()) + " " + HierarchyIntegrity.describe(level.get())
                        + ": only organisations of one level merge");
            }
        }
    }

    /**
     * An existing organisation changing on {@code effective}: known, not opened by this set, open then, and the date after
     * its own start and after its last change. True when it is known.
     */
    private boolean checkChanged(int i, String field, String code, LocalDate effective) {
        Optional<Organisation> org = current.find(code);
        if (org.isEmpty()) {
            if (opened.containsKey(code)) {
                error(i, field, code + " is opened by this change set: it cannot change on its first day");
                return true;
            }
            error(i, field, "unknown organisation " + code);
            return false;
        }
        Organisation o = org.get();
        if (o.level() == OrgLevel.NATIONAL || o.level() == OrgLevel.DIRECTORATE) {
            error(i, field, code + " is not a region, ICB or trust");
        } else if (o.validTo() != null && o.validTo().isBefore(effective)) {
            error(i, field, code + " closed on " + o.validTo() + ": nothing changes a closed organisation");
        } else if (!effective.isAfter(o.validFrom())) {
            error(i, "effective", "must be after " + o.validFrom() + ", when " + code + " opened");
        } else {
            lastChange(code).filter(last -> !effective.isAfter(last))
                    .ifPresent(last -> error(i, "effective", "must be after " + last + ", the last change of " + code));
        }
        return true;
    }

    /** {@code parent} is known, open on {@code from} and of the level above {@code level}. */
    private void checkParent(int i, OrgLevel level, String parent, LocalDate from) {
        if (blank(parent)) {
            error(i, "parent", "is required");
            return;
        }
        Optional<OrgLevel> parentLevel = levelOf(parent);
        if (parentLevel.isEmpty()) {
            error(i, "parent", "unknown organisation " + parent);
            return;
        }
        OrgLevel expected = HierarchyIntegrity.parentLevel(level);
        if (parentLevel.get() != expected) {
            error(i, "parent", article(level) + " " + HierarchyIntegrity.describe(level) + "'s parent must be "
                    + (expected == OrgLevel.NATIONAL ? "" : article(expected) + " ") + HierarchyIntegrity.describe(expected) + ", not " + parent);
        } else if (!openOn(parent, from)) {
            error(i, "parent", parent + " is not open on " + from);
        }
    }

    /** The latest date on which the organisation or its parent link changed. */
    private Optional<LocalDate> lastChange(String code) {
        return current.parentLinksOf(code).stream().map(ParentLink::validFrom).max(LocalDate::compareTo);
    }

    private Optional<OrgLevel> levelOf(String code) {
        if (opened.containsKey(code)) {
            return Optional.ofNullable(changes.get(opened.get(code)).level());
        }
        return current.find(code).map(Organisation::level);
    }

    private boolean openOn(String code, LocalDate date) {
        if (opened.containsKey(code)) {
            return !date.isBefore(changes.get(opened.get(code)).effective());
        }
        return current.find(code, date).isPresent();
    }

    private void error(int i, String field, String message) {
        errors.add(new FieldError("changes[" + i + "]." + field, message));
    }

    private static String article(OrgLevel level) {
        return level == OrgLevel.ICB ? "an" : "a";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
