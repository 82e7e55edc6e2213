package uk.nhs.impact.contracts.baseline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.time.LocalDate;

/** Payload of {@code baseline.collection-opened.v1} and {@code baseline.collection-closed.v1}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CollectionChanged(String collectionId, String name, LocalDate referenceDate, Instant opensAt, Instant closesAt) {
}
