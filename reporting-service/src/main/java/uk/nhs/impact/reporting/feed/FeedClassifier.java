package uk.nhs.impact.reporting.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import uk.nhs.impact.contracts.EventTypes;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.security.SharingLevel;

/**
 * Decides, from an event's type and payload alone, which audience its feed entry has and which organisation it is about.
 * Works for types this release does not route (reviews, new versions): the family is the type's second segment.
 */
public final class FeedClassifier {
    /** Collection windows: every caller is told when they open and close. */
    static final Set<String> WINDOWS = Set.of(EventTypes.SURVEY_RUN_OPENED, EventTypes.SURVEY_RUN_CLOSED,
            EventTypes.BASELINE_COLLECTION_OPENED, EventTypes.BASELINE_COLLECTION_CLOSED, DeadlineNotices.TYPE);
    static final String HIERARCHY_CHANGED = EventTypes.PREFIX + "organisation.hierarchy-changed.";

    private final OrganisationHierarchy hierarchy;

    public FeedClassifier(OrganisationHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    public FeedRow classify(String id, String type, String source, String subject, OffsetDateTime time, ObjectNode data) {
        FeedAudience audience = audienceOf(type);
        if (audience == FeedAudience.EVERYONE) {
            return new FeedRow(id, type, source, subject, time, data, audience, null, null, null, null, null, null);
        }
        String owner = text(data.path("organisation").path("odsCode")).orElse(subject);
        LocalDate on = (time == null ? OffsetDateTime.now(ZoneOffset.UTC) : time).toLocalDate();
        String icb = hierarchy.icbOf(owner, on).orElse(text(data.path("organisation").path("icbOdsCode")).orElse(null));
        String region = hierarchy.regionOf(owner, on).orElse(text(data.path("organisation").path("regionOdsCode")).orElse(null));
        if (audience != FeedAudience.SHARED) {
            return new FeedRow(id, type, source, subject, time, data, audience, owner, icb, region, null, null, null);
        }
        String sharing = text(data.path("sharing")).filter(FeedClassifier::isSharingLevel).orElse(null);
        Long sequence = data.path("sequence").canConvertToLong()
                ? Long.valueOf(data.path("sequence").asLong())
                : data.path("revision").canConvertToLong() ? Long.valueOf(data.path("revision").asLong()) : null;
        return new FeedRow(id, type, source, subject, time, data, audience, owner, icb, region,
                text(data.path("assessmentId")).orElse(null), sharing, sequence);
    }

    static FeedAudience audienceOf(String type) {
        if (WINDOWS.contains(type) || type.startsWith(HIERARCHY_CHANGED)) {
            return FeedAudience.EVERYONE;
        }
        if (type.startsWith(EventTypes.PREFIX + "baseline.")) {
            return FeedAudience.AREA;
        }
        if (type.startsWith(EventTypes.PREFIX + "assessment.")) {
            return FeedAudience.SHARED;
        }
        return FeedAudience.OWN;
    }

    private static boolean isSharingLevel(String value) {
        try {
            SharingLevel.valueOf(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
