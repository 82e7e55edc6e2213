package uk.nhs.impact.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypesTest {
    @Test
    void everyEventTypeIsNamespacedAndVersioned() throws IllegalAccessException {
        List<String> types = new ArrayList<>();
        for (Field f : EventTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().equals("PREFIX")) {
                String type = (String) f.get(null);
                assertThat(type).matches("uk\\.nhs\\.impact\\.[a-z]+\\.[a-z-]+\\.v[0-9]+");
                assertThat(EventTypes.versionOf(type)).as(type).isGreaterThanOrEqualTo(1);
                types.add(type);
            }
        }
        assertThat(types).hasSize(15);
        assertThat(EventTypes.all()).containsExactlyInAnyOrderElementsOf(types);
    }

    @Test
    void versionIsReadFromTheSuffix() {
        assertThat(EventTypes.versionOf("uk.nhs.impact.assessment.submitted.v2")).isEqualTo(2);
        assertThat(EventTypes.versionOf("uk.nhs.impact.assessment.submitted")).isEqualTo(-1);
        assertThat(EventTypes.versionOf("uk.nhs.impact.assessment.submitted.vX")).isEqualTo(-1);
    }

    @Test
    void everyTypeNamesTheRecordItsPayloadIsReadAs() {
        assertThat(EventTypes.payloadOf(EventTypes.ASSESSMENT_SUBMITTED)).isEqualTo(uk.nhs.impact.contracts.assessment.AssessmentSubmitted.class);
        assertThat(EventTypes.payloadOf(EventTypes.BASELINE_RETURN_AMENDED)).isEqualTo(uk.nhs.impact.contracts.baseline.ReturnSubmitted.class);
        assertThat(EventTypes.payloadOf(EventTypes.ORGANISATION_HIERARCHY_CHANGED))
                .isEqualTo(uk.nhs.impact.contracts.organisation.HierarchyChanged.class);
        assertThatThrownBy(() -> EventTypes.payloadOf("uk.nhs.impact.assessment.submitted.v2")).isInstanceOf(IllegalArgumentException.class);
    }
}
