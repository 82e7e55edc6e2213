package uk.nhs.impact.assessment.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition.Component;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition.Level;
import uk.nhs.impact.assessment.instrument.InstrumentDefinition.Question;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.security.SharingLevel;

/** A small instrument, assessments in each state and callers, for the plain unit tests of the rule classes. */
public final class Fixtures {
    public static final List<Level> SCALE = List.of(new Level("S", "Starting", null, false), new Level("D", "Developing", null, false),
            new Level("E", "Embedding", null, true));
    /** Four questions: A and B in C1, C and D in C2. */
    public static final InstrumentDefinition V1 = version(List.of(q("A", 1, "C1"), q("B", 2, "C1"), q("C", 3, "C2"), q("D", 4, "C2")), null);
    public static final OrganisationHierarchy HIERARCHY = OrganisationHierarchy.loadBundled();
    public static final LocalDate REFERENCE_DATE = LocalDate.parse("2023-08-31");

    private Fixtures() {
    }

    public static InstrumentDefinition version(List<Question> questions, Map<String, String> questionMap) {
        return new InstrumentDefinition("test", null, SCALE, List.of(new Component("C1", "One"), new Component("C2", "Two")), questions,
                questionMap);
    }

    public static Question q(String code, int number, String component) {
        return new Question(code, number, component, "Question " + code, Map.of());
    }

    public static Answer at(String level) {
        return new Answer(level, null, null);
    }

    /** Nottinghamshire Healthcare (RHA; ICB QT1, region Y60) in the given state and sharing level. */
    public static Assessment assessment(Assessment.Status status, SharingLevel sharing) {
        return assessment("RHA", status, sharing);
    }

    public static Assessment assessment(String ods, Assessment.Status status, SharingLevel sharing) {
        Assessment a = Assessment.draft(UUID.randomUUID(), HIERARCHY.find(ods).orElseThrow(), "2023-24", REFERENCE_DATE, "test", 1,
                Instant.parse("2023-09-01T10:00:00Z"));
        a.status = status;
        a.sharing = sharing;
        return a;
    }

    public static OrgScope caller(String ods, String... roles) {
        return new OrgScope(ods, Set.of(roles), HIERARCHY);
    }
}
