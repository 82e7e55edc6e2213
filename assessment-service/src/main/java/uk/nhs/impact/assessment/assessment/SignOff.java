package uk.nhs.impact.assessment.assessment;

import java.time.Instant;
import java.time.LocalDate;

/** The board's approval of one revision, as stored with it and shown by the API. */
public record SignOff(String approverName, String approverRole, LocalDate boardMeetingDate, String minuteReference, Instant signedOffAt,
        String signedOffBy) {
}
