package uk.nhs.impact.platform.hierarchy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A realistic change set, after the changes reported for 2026 (shared/domain NOTES.md), dated April 2027 so that today's
 * hierarchy is unchanged: North Central London (QMJ) and North West London (QRV) ICBs merge into NHS West and North London
 * ICB (Z9B2Z); the Royal Free (RAL) and the Whittington (RKE), both of QMJ, merge into a new trust R1Z9X; Sandwell and West
 * Birmingham (RXK) moves from Birmingham and Solihull (QHL) to the Black Country (QUA).
 */
public final class Changes2027 {
    public static final LocalDate EFFECTIVE = LocalDate.of(2027, 4, 1);
    public static final LocalDate BEFORE = EFFECTIVE.minusDays(1);

    private Changes2027() {
    }

    public static ChangeSet set() {
        return set(UUID.randomUUID());
    }

    public static ChangeSet set(UUID id) {
        return new ChangeSet(id, "ICB mergers and trust changes from April 2027", List.of(
                HierarchyChange.open("Z9B2Z", "NHS West and North London ICB", OrgLevel.ICB, null, "Y56", EFFECTIVE),
                HierarchyChange.merge("Z9B2Z", List.of("QMJ", "QRV"), EFFECTIVE),
                HierarchyChange.open("R1Z9X", "Royal Free and Whittington NHS Foundation Trust", OrgLevel.TRUST, "acute", "Z9B2Z", EFFECTIVE),
                HierarchyChange.merge("R1Z9X", List.of("RAL", "RKE"), EFFECTIVE),
                HierarchyChange.move("RXK", "QUA", EFFECTIVE)),
                Instant.parse("2027-02-01T09:00:00Z"), "X24");
    }
}
