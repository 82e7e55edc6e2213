package uk.nhs.impact.reporting.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DisclosureGuardTest {

    private static Map<String, Long> ones(String... units) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String u : units) {
            out.put(u, 1L);
        }
        return out;
    }

    private static DisclosureGuard.Cell cell(String key, int rank, String... members) {
        return new DisclosureGuard.Cell(key, rank, Set.of(members));
    }

    @Test
    void aCellWithFewerThanKHiddenContributorsIsSuppressed() {
        DisclosureGuard.Plan plan = DisclosureGuard.plan(List.of(cell("two", 0, "a", "b"), cell("three", 0, "c", "d", "e")),
                ones("a", "b", "c", "d", "e"), 3);
        assertThat(plan.published("two")).isFalse();
        assertThat(plan.reason("two", "organisations").startsWith("fewer than 3 organisations")).isTrue();
        assertThat(plan.published("three")).isTrue();
        assertThat(plan.reason("three", "organisations")).isNull();
    }

    @Test
    void contributorsTheViewerMayReadDoNotCountAndACellOfOnlyThoseIsShown() {
        // "r" is readable (weight 0 / absent): a cell of it alone hides nothing; with one hidden contributor it is that one's value.
        DisclosureGuard.Plan plan = DisclosureGuard.plan(List.of(cell("readable", 0, "r"), cell("one hidden", 1, "r", "h")),
                ones("h"), 3);
        assertThat(plan.published("readable")).isTrue();
        assertThat(plan.published("one hidden")).isFalse();
        assertThat(plan.published("a cell nobody asked about")).isTrue();
    }

    @Test
    void aFilteredCellWhoseComplementIsSmallIsSuppressedToo() {
        // The national figure of 5 is shown; "acute" (4) would leave 1 by subtraction.
        DisclosureGuard.Plan plan = DisclosureGuard.plan(List.of(cell("national", 0, "a", "b", "c", "d", "e"),
                cell("acute", 1, "a", "b", "c", "d")), ones("a", "b", "c", "d", "e"), 3);
        assertThat(plan.published("national")).isTrue();
        assertThat(plan.published("acute")).isFalse();
        assertThat(plan.reason("acute", "organisations").contains("by difference")).isTrue();
    }

    @Test
    void threeOverlappingCellsThatWouldIsolateOneAreNotAllShown() {
        // A∪B, B∪C, A∪C with |A|=|B|=|C|=3 are each 6, but together they give A, B and C: fine, each is 3.
        // With |C|=1, B∪C and A∪C would give C alone.
        Map<String, Long> w = ones("a1", "a2", "a3", "b1", "b2", "b3", "c1");
        List<DisclosureGuard.Cell> cells = List.of(
                cell("AB", 0, "a1", "a2", "a3", "b1", "b2", "b3"),
                cell("BC", 1, "b1", "b2", "b3", "c1"),
                cell("AC", 2, "a1", "a2", "a3", "c1"));
        DisclosureGuard.Plan plan = DisclosureGuard.plan(cells, w, 3);
        assertThat(plan.published("AB")).isTrue();
        assertThat(plan.published("BC")).as("AB shown: BC splits B off from A and leaves C of 1 on its own").isFalse();
        assertThat(plan.published("AC")).isFalse();
    }

    @Test
    void weightsCountRespondentsAndTheOrderIsTheRanksNotTheList() {
        Map<String, Long> respondents = new LinkedHashMap<>();
        respondents.put("T1", 12L);
        respondents.put("T2", 4L);
        respondents.put("T3", 9L);
        List<DisclosureGuard.Cell> cells = List.of(
                cell("trust T1", 30, "T1"),
                cell("national", 0, "T1", "T2", "T3"),
                cell("region of T2 and T3", 10, "T2", "T3"));
        DisclosureGuard.Plan plan = DisclosureGuard.plan(cells, respondents, 10);
        assertThat(plan.published("national")).isTrue();
        assertThat(plan.published("region of T2 and T3")).as("13 respondents, and the rest of the nation is 12").isTrue();
        assertThat(plan.published("trust T1")).as("T1 is exactly the complement of the region: nothing new").isTrue();
    }

    @Test
    void identicalCellsGetTheSameAnswer() {
        DisclosureGuard.Plan plan = DisclosureGuard.plan(List.of(cell("x", 0, "a", "b", "c"), cell("y", 5, "c", "b", "a"),
                cell("p", 1, "a"), cell("q", 6, "a")), ones("a", "b", "c"), 3);
        assertThat(plan.published("x")).isTrue();
        assertThat(plan.published("y")).isTrue();
        assertThat(plan.published("p")).isFalse();
        assertThat(plan.published("q")).isFalse();
    }
}
