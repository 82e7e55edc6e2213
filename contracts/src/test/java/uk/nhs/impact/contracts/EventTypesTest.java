package uk.nhs.impact.contracts;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTypesTest {
    @Test
    void everyEventTypeIsNamespacedAndVersioned() throws IllegalAccessException {
        int checked = 0;
        for (Field f : EventTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().equals("PREFIX")) {
                String type = (String) f.get(null);
                assertTrue(type.matches("uk\\.nhs\\.impact\\.[a-z]+\\.[a-z-]+\\.v[0-9]+"), type);
                assertTrue(EventTypes.versionOf(type) >= 1, type);
                checked++;
            }
        }
        assertEquals(12, checked);
    }

    @Test
    void versionIsReadFromTheSuffix() {
        assertEquals(2, EventTypes.versionOf("uk.nhs.impact.assessment.submitted.v2"));
        assertEquals(-1, EventTypes.versionOf("uk.nhs.impact.assessment.submitted"));
        assertEquals(-1, EventTypes.versionOf("uk.nhs.impact.assessment.submitted.vX"));
    }
}
