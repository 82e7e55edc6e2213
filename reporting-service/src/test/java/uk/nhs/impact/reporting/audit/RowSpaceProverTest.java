package uk.nhs.impact.reporting.audit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prover on hand-made incidence matrices, where the answer is known. */
class RowSpaceProverTest {

    @Test
    void catchesAValueFoundByDifferencingThreeCells() {
        // region total, acute and mental health published, each from 3 or more: g = total - acute - mental health
        RowSpaceProver p = new RowSpaceProver(List.of(Set.of("a", "b", "c", "d", "e", "f", "g"), Set.of("a", "b", "c"),
                Set.of("d", "e", "f")), Map.of());
        assertTrue(p.determines(Set.of("g")));
        assertEquals(List.of(Set.of("g")), p.derivableBelow(3).stream().map(RowSpaceProver.Atom::members).toList());
        assertEquals(3, p.rank());
    }

    @Test
    void passesCellsWhoseDifferencesLeaveOnlyGroupsOfAtLeastK() {
        RowSpaceProver p = new RowSpaceProver(List.of(Set.of("a", "b", "c", "d", "e", "f"), Set.of("a", "b", "c")), Map.of());
        assertEquals(List.of(), p.derivableBelow(3));
        assertEquals(List.of(), p.smallAtoms(3));
        assertTrue(p.determines(Set.of("d", "e", "f")), "the complement is derivable, as a group of 3");
        assertFalse(p.determines(Set.of("d")));
        assertFalse(p.determines(Set.of("a", "d")), "not a union of atoms");
        assertFalse(p.determines(Set.of("z")), "in no published cell");
    }

    @Test
    void smallAtomsNotInTheRowSpaceAreNotDerivableButStillReported() {
        // {a,b} and {b,c}: a - c follows, but neither a, b, c nor a + b + c does
        RowSpaceProver p = new RowSpaceProver(List.of(Set.of("a", "b"), Set.of("b", "c")), Map.of());
        assertEquals(3, p.atoms().size());
        assertEquals(List.of(), p.derivableBelow(3));
        assertEquals(3, p.smallAtoms(3).size());
        assertFalse(p.determines(Set.of("a", "b", "c")));
        assertEquals(2, p.rank());
    }

    @Test
    void needsRationalCoefficients() {
        // a = (r1 - r2 + r3) / 2: a combination with fractional coefficients
        RowSpaceProver p = new RowSpaceProver(List.of(Set.of("a", "b"), Set.of("b", "c"), Set.of("a", "c")), Map.of());
        assertTrue(p.determines(Set.of("a")));
        assertTrue(p.determines(Set.of("b")));
        assertEquals(3, p.derivableBelow(3).size());
    }

    @Test
    void weighsAtomsByRespondents() {
        // two trusts always together (12 respondents), one alone in a differencing pair (4)
        Map<String, Long> w = Map.of("t1", 7L, "t2", 5L, "t3", 4L);
        RowSpaceProver p = new RowSpaceProver(List.of(Set.of("t1", "t2", "t3"), Set.of("t1", "t2")), w);
        assertEquals(List.of(Set.of("t3")), p.derivableBelow(10).stream().map(RowSpaceProver.Atom::members).toList());
        assertEquals(12, p.atoms().stream().filter(a -> a.members().contains("t1")).findFirst().orElseThrow().weight());
        RowSpaceProver safe = new RowSpaceProver(List.of(Set.of("t1", "t2", "t3")), w);
        assertEquals(List.of(), safe.smallAtoms(10));
    }

    @Test
    void duplicateAndEmptyCellsChangeNothing() {
        RowSpaceProver p = new RowSpaceProver(List.of(Set.of("a", "b", "c"), Set.of("c", "b", "a"), Set.of()), Map.of());
        assertEquals(1, p.cells());
        assertEquals(1, p.atoms().size());
        assertEquals(List.of(), p.smallAtoms(3));
    }
}
