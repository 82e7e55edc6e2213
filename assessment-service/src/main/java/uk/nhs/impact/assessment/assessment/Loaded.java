package uk.nhs.impact.assessment.assessment;

import uk.nhs.impact.assessment.instrument.InstrumentDefinition;

/** An assessment with the instrument version it answers, for views, results and events. */
public record Loaded(Assessment assessment, InstrumentDefinition definition) {
}
