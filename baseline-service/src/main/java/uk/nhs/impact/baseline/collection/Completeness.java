package uk.nhs.impact.baseline.collection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Which organisations of each type in an area have and have not submitted a return to a collection. */
public record Completeness(String collectionId, String area, LocalDate referenceDate, List<TypeCount> byOrgType,
        List<OrganisationStatus> organisations) {

    public record TypeCount(String orgType, long submitted, long expected) {
    }

    public record OrganisationStatus(String odsCode, String name, String orgType, String icbOdsCode, String regionOdsCode,
            boolean submitted, Instant submittedAt) {
    }
}
