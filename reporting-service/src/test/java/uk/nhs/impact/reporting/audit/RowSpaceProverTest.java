package uk.nhs.impact.reporting.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The prover on hand-made incidence matrices, where the answer is known. */
class RowSpaceProverTest {

    @Test
    void catchesAValueFoundByDifferencingThreeCells() {
        // region total, acute and mental health published, each from 3 or more: g = total - acute - mental health
        RowSpaceProver p = new RowSpaceProver(List.of(Set.of("a", "b", "c", "d", "e", "f", "g"), Set.of("a", "b", "c"),
                Set.of("d", "e", "f")), Map.of());
        assertThat(p.determines(Set.of("g"))).isTrue();
        assertThat(p.derivableBelow(3).stream().map(RowSpaceProver.Atom::members).toList()).isEqualTo(List.of(Set.of("g")));
        assertThat(p.rank()).isEqualTo(3);
    }

    @Test
    void passesCellsWhoseDifferencesLeaveOnlyGroupsOfAtLeastK() {
        RowSpaceProver p = new RowSpaceProver(List.of(Set.of("a", "b", "c", "d", "e", "f"), Set.of("a", "b", "c")), Map.of());
        assertThat(p.derivableBelow(3)).isEqualTo(List.of());
        assertThat(p.smallAtoms(3)).isEqualTo(List.of());
        assertThat(p.determines(Set.of("d", "e", "f"))).as("the complement is derivable, as a group of 3").isTrue();
        assertThat(p.determines(Set.of("d"))).isFalse();
        assertThat(p.determines(Set.of("a", "d"))).as("not a union of atoms").isFalse();
        assertThat(p.determines(Set.of("z"))).as("in no published cell").isFalse();
    }

    @Test
    void smallAtomsNotInTheRowSpaceAreNotDerivableButStillReported() {
        // {a,b} and {b,c}: a - c follows, but neither a, b, c nor a + b + c does
        RowSpaceProver p = new RowSpaceProver(List.of(Set.of("a", "b"), Set.of("b", "c")), Map.of());
        assertThat(p.atoms().size()).isEqualTo(3);
        assertThat(p.derivableBelow(3)).isEqualTo(List.of());
        assertThat(p.smallAtoms(3).size()).isEqualTo(3);
        assertThat(p.determines(Set.of("a", "b", "c"))).isFalse();
        assertThat(p.rank()).isEqualTo(2);
    }

    @Test
    void needsRationalCoefficients() {
        // a = (r1 - r2 + r3) / 2: a combination with fractional coefficients
        RowSpaceProver p = new RowSpaceProver(List.of(Set.of("a", "b"), Set.of("b", "c"), Set.of("a", "c")), Map.of());
        assertThat(p.determines(Set.of("a"))).isTrue();
        assertThat(p.determines(Set.of("b"))).isTrue();
        assertThat(p.derivableBelow(3).size()).isEqualTo(3);
    }

    @Test
    void weighsAtomsByRespondents() {
        // two trusts always together (12 respondents), one alone in a differencing pair (4)
        Map<String, Long> w = Map.of("t1", 7L, "t2", 5L, "t3", 4L);
        RowSpaceProver p = new RowSpaceProver(List.of(Set.of("t1", "t2", "t3"), Set.of("t1", "t2")), w);
        assertThat(p.derivableBelow(10).stream().map(RowSpaceProver.Atom::members).toList()).isEqualTo(List.of(Set.of("t3")));
        assertThat(p.atoms().stream().filter(a -> a.members().contains("t1")).findFirst().orElseThrow().weight()).isEqualTo(12);
        RowSpaceProver safe = new RowSpaceProver(List.of(Set.of("t1", "t2", "t3")), w);
        assertThat(safe.smallAtoms(10)).isEqualTo(List.of());
    }

    @Test
    void duplicateAndEmptyCellsChangeNothing() {
        RowSpaceProver p = new RowSpaceProver(List.of(Set.of("a", "b", "c"), Set.of("c", "b", "a"), Set.of()), Map.of());
        assertThat(p.cells()).isEqualTo(1);
        assertThat(p.atoms().size()).isEqualTo(1);
        assertThat(p.smallAtoms(3)).isEqualTo(List.of());
    }
}
