package uk.nhs.impact.platform.hierarchy;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import uk.nhs.impact.contracts.organisation.HierarchyChanged;

/** A set of hierarchy changes loaded together, applied by every service in load order; {@code id} identifies it everywhere. */
public record ChangeSet(UUID id, String reference, List<HierarchyChange> changes, Instant loadedAt, String loadedBy) {

    public ChangeSet {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** The change set an event carries; an unknown kind or level is refused (IllegalArgumentException). */
    public static ChangeSet of(HierarchyChanged event) {
        List<HierarchyChange> changes = event.changes() == null
                ? List.of()
                : event.changes().stream().map(c -> new HierarchyChange(
                        c.kind() == null ? null : HierarchyChange.Kind.valueOf(c.kind().toUpperCase(Locale.ROOT)), c.odsCode(), c.name(),
                        c.level() == null ? null : OrgLevel.valueOf(c.level().toUpperCase(Locale.ROOT)), c.trustType(), c.parent(),
                        c.predecessors(), c.effective())).toList();
        return new ChangeSet(event.changeSetId(), event.reference(), changes, event.loadedAt(), event.loadedBy());
    }

    /** The event payload that publishes this change set. */
    public HierarchyChanged toEvent() {
        return new HierarchyChanged(id, reference, loadedBy, loadedAt, changes.stream().map(c -> new HierarchyChanged.Change(
                c.kind() == null ? null : c.kind().name(), c.odsCode(), c.name(), c.level() == null ? null : c.level().name(),
                c.trustType(), c.parent(), c.predecessors(), c.effective())).toList());
    }
}
