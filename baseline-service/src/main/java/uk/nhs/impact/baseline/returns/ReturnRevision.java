package uk.nhs.impact.baseline.returns;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A submitted revision of a return, kept as it was. */
@Entity
@Table(name = "return_revision")
public class ReturnRevision extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "return_id")
    public UUID returnId;
    public int revision;
    public String answers;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "submitted_by")
    public String submittedBy;
}
