package uk.nhs.impact.platform.hierarchy;

import java.time.LocalDate;
import java.util.List;

/**
 * One change of the hierarchy, effective from {@code effective}; fields a kind does not use are null.
 * <ul>
 * <li>OPEN: a new organisation {@code odsCode} ({@code name}, {@code level}, {@code trustType} for a trust) under
 * {@code parent}.</li>
 * <li>CLOSE: {@code odsCode} is open until the day before.</li>
 * <li>MERGE: each of {@code predecessors} closes the day before and {@code odsCode} (existing, or opened by an OPEN of the
 * same set) becomes its successor; the children of a merged ICB or region move to the successor unless the set moves
 * them elsewhere.</li>
 * <li>MOVE: {@code odsCode} reports to {@code parent}.</li>
 * </ul>
 */
public record HierarchyChange(Kind kind, String odsCode, String name, OrgLevel level, String trustType, String parent,
        List<String> predecessors, LocalDate effective) {

    public enum Kind {
        OPEN, CLOSE, MERGE, MOVE
    }

    public static HierarchyChange open(String odsCode, String name, OrgLevel level, String trustType, String parent, LocalDate effective) {
        return new HierarchyChange(Kind.OPEN, odsCode, name, level, trustType, parent, null, effective);
    }

    public static HierarchyChange close(String odsCode, LocalDate effective) {
        return new HierarchyChange(Kind.CLOSE, odsCode, null, null, null, null, null, effective);
    }

    public static HierarchyChange merge(String successor, List<String> predecessors, LocalDate effective) {
        return new HierarchyChange(Kind.MERGE, successor, null, null, null, null, predecessors, effective);
    }

    public static HierarchyChange move(String odsCode, String parent, LocalDate effective) {
        return new HierarchyChange(Kind.MOVE, odsCode, null, null, null, parent, null, effective);
    }

    /** The predecessors, never null. */
    public List<String> predecessorCodes() {
        return predecessors == null ? List.of() : predecessors;
    }
}
