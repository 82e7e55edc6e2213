package uk.nhs.impact.survey.response;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A submission of a response, kept for good: revision 1 is the first submission, later ones are amendments. */
@Entity
@IdClass(ResponseRevision.Key.class)
public class ResponseRevision extends PanacheEntityBase {
    /** The composite primary key. */
    public record Key(UUID responseId, int revision) implements Serializable {
    }

    @Id
    public UUID responseId;
    @Id
    public int revision;
    public String respondentRole;
    public String answers;
    public Instant submittedAt;
}
