package uk.nhs.impact.organisation.change;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import uk.nhs.impact.platform.web.Keyset;

/** A change set as loaded: its reference, its changes as published (JSON), who loaded it and when. Never changed. */
@Entity
@Table(name = "change_set")
public class StoredChangeSet extends PanacheEntityBase {
    @Id
    public UUID id;
    public String reference;
    /** The changes, as the JSON list the event carries. */
    public String changes;
    public String createdBy;
    public Instant createdAt;
    @Version
    public long version;

    public Keyset place() {
        return new Keyset(createdAt, id);
    }
}
