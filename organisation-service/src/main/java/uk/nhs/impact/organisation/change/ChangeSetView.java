package uk.nhs.impact.organisation.change;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import uk.nhs.impact.contracts.organisation.HierarchyChanged;

/** A loaded change set as the API shows it: the same changes the event published. */
public record ChangeSetView(UUID id, String reference, String loadedBy, Instant loadedAt, List<HierarchyChanged.Change> changes) {
}
