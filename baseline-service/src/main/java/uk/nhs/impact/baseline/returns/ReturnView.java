package uk.nhs.impact.baseline.returns;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A return as the API shows it. */
public record ReturnView(String collectionId, String odsCode, String orgType, String questionSetId, int questionSetVersion,
        String status, int revision, JsonNode answers, Instant updatedAt, Instant submittedAt, long version) {
}
