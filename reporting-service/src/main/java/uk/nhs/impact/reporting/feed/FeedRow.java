package uk.nhs.impact.reporting.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * A change-feed entry as stored: the CloudEvent (id, type, source, subject, time, data) and what decides who reads it.
 *
 * @param owner        the organisation the event is about (null for windows and other events about no organisation)
 * @param icbCode      the owner's ICB at the event's time
 * @param regionCode   the owner's region at the event's time
 * @param assessmentId for self-assessment events
 * @param sharing      for self-assessment events, the sharing level the event itself carried
 * @param sequence     for self-assessment events, the order of the change (its sequence, else its revision)
 */
public record FeedRow(String id, String type, String source, String subject, OffsetDateTime time, ObjectNode data,
        FeedAudience audience, String owner, String icbCode, String regionCode, String assessmentId, String sharing,
        Long sequence) {
}
