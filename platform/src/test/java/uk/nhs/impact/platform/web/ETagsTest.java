package uk.nhs.impact.platform.web;

import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.problem.ProblemException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ETagsTest {
    @Test
    void matchingStrongTagOrStarPasses() {
        assertDoesNotThrow(() -> ETags.require("\"4\"", 4));
        assertDoesNotThrow(() -> ETags.require("\"3\", \"4\"", 4));
        assertDoesNotThrow(() -> ETags.require("*", 4));
    }

    @Test
    void missingIs428() {
        assertEquals(428, assertThrows(ProblemException.class, () -> ETags.require(null, 1)).status());
        assertEquals(428, assertThrows(ProblemException.class, () -> ETags.require(" ", 1)).status());
    }

    @Test
    void staleOrWeakIs412() {
        assertEquals(412, assertThrows(ProblemException.class, () -> ETags.require("\"3\"", 4)).status());
        assertEquals(412, assertThrows(ProblemException.class, () -> ETags.require("W/\"4\"", 4)).status());
        assertEquals(412, assertThrows(ProblemException.class, () -> ETags.require("4", 4)).status());
    }

    @Test
    void tagIsTheQuotedVersion() {
        assertEquals("\"7\"", ETags.of(7).toString());
    }
}
