package uk.nhs.impact.reporting.figures;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertFalse(plan.published("two"));
        assertTrue(plan.reason("two", "organisations").startsWith("fewer than 3 organisations"));
        assertTrue(plan.published("three"));
        assertNull(plan.reason("three", "organisations"));
    }

    @Test
    void contributorsTheViewerMayReadDoNotCountAndACellOfOnlyThoseIsShown() {
        // "r" is readable (weight 0 / absent): a cell of it alone hides nothing; with one hidden contributor it is that one's value.
        DisclosureGuard.Plan plan = DisclosureGuard.plan(List.of(cell("readable", 0, "r"), cell("one hidden", 1, "r", "h")),
                ones("h"), 3);
        assertTrue(plan.published("readable"));
        assertFalse(plan.published("one hidden"));
        assertTrue(plan.published("a cell nobody asked about"));
    }

    @Test
    void aFilteredCellWhoseComplementIsSmallIsSuppressedToo() {
        // The national figure of 5 is shown; "acute" (4) would leave 1 by subtraction.
        DisclosureGuard.Plan plan = DisclosureGuard.plan(List.of(cell("national", 0, "a", "b", "c", "d", "e"),
                cell("acute", 1, "a", "b", "c", "d")), ones("a", "b", "c", "d", "e"), 3);
        assertTrue(plan.published("national"));
        assertFalse(plan.published("acute"));
        assertTrue(plan.reason("acute", "organisations").contains("by difference"));
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
        assertTrue(plan.published("AB"));
        assertFalse(plan.published("BC"), "AB shown: BC splits B off from A and leaves C of 1 on its own");
        assertFalse(plan.published("AC"));
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
        assertTrue(plan.published("national"));
        assertTrue(plan.published("region of T2 and T3"), "13 respondents, and the rest of the nation is 12");
        assertTrue(plan.published("trust T1"), "T1 is exactly the complement of the region: nothing new");
    }

    @Test
    void identicalCellsGetTheSameAnswer() {
        DisclosureGuard.Plan plan = DisclosureGuard.plan(List.of(cell("x", 0, "a", "b", "c"), cell("y", 5, "c", "b", "a"),
                cell("p", 1, "a"), cell("q", 6, "a")), ones("a", "b", "c"), 3);
        assertTrue(plan.published("x"));
        assertTrue(plan.published("y"));
        assertFalse(plan.published("p"));
        assertFalse(plan.published("q"));
    }
}
