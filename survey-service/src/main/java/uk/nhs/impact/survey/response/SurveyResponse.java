package uk.nhs.impact.survey.response;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import uk.nhs.impact.platform.web.Keyset;

/**
 * One respondent's response in one run. DRAFT while being written (or while an amendment is being written after a
 * submission); SUBMITTED once sent. {@code submittedAnswers} is what was last submitted, which is what counts.
 */
@Entity
public class SurveyResponse extends PanacheEntityBase {
    public enum Status {
        DRAFT, SUBMITTED
    }

    @Id
    public UUID id;
    public String runId;
    /** The token subject, plus the respondent reference a trust system gives for each person it answers for. */
    public String respondentKey;
    public String respondentSubject;
    public String odsCode;
    public String respondentRole;
    @Enumerated(EnumType.STRING)
    public Status status;
    /** Submissions so far: 0 until first submitted. */
    public int revision;
    public String answers;
    public String submittedAnswers;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant submittedAt;
    @Version
    public long version;

    /** Where this row stands in creation order, for paging. */
    public Keyset place() {
        return new Keyset(createdAt, id);
    }
}
