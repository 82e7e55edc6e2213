package uk.nhs.impact.contracts.organisation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code organisation.hierarchy-changed.v1}: one validated change set of the NHS organisation hierarchy, applied
 * by every service in the order the sets were loaded. Published with subject X24 so that every set travels on one
 * partition, in order.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HierarchyChanged(
        UUID changeSetId,
        String reference,
        String loadedBy,
        Instant loadedAt,
        List<Change> changes) {

    /**
     * One change, effective from {@code effective}. {@code kind} is OPEN (a new organisation: name, level, trustType for a
     * trust, parent), CLOSE (open until the day before), MERGE ({@code predecessors} into the successor {@code odsCode})
     * or MOVE ({@code odsCode} to {@code parent}); fields a kind does not use are null. {@code level} is TRUST, ICB or
     * REGION.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(
            String kind,
            String odsCode,
            String name,
            String level,
            String trustType,
            String parent,
            List<String> predecessors,
            LocalDate effective) {
    }
}
