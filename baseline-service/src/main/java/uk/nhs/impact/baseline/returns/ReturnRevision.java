package uk.nhs.impact.baseline.returns;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** A submitted revision of a return, kept as it was. */
@Entity
public class ReturnRevision extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID returnId;
    public int revision;
    public String answers;
    public Instant submittedAt;
    public String submittedBy;
}
