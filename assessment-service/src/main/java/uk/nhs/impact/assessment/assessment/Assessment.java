package uk.nhs.impact.assessment.assessment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.platform.web.Keyset;

/** One organisation's self-assessment for one cycle; its current revision lives here, earlier ones in {@link AssessmentRevision}. */
@Entity
public class Assessment extends PanacheEntityBase {
    public enum Status {
        DRAFT, SIGNED_OFF, SUBMITTED, WITHDRAWN
    }

    @Id
    public UUID id;
    public String odsCode;
    public String orgType;
    public String cycle;
    public LocalDate referenceDate;
    public String instrumentId;
    public int instrumentVersion;
    @Enumerated(EnumType.STRING)
    public Status status;
    /** 1 for the first revision; a reopen starts the next. */
    public int revision;
    @Enumerated(EnumType.STRING)
    public SharingLevel sharing;
    /** Answers as JSON, keyed by question code (see {@link AnswersJson}). */
    public String answers;
    /** The board sign-off of the current revision as JSON; null until signed off. */
    public String signOff;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant submittedAt;
    public boolean everSubmitted;
    /** Null until first submitted; AWAITING_REVIEW after each submission; ACCEPTED or RETURNED once the ICB reviews it. */
    public String reviewState;
    @Version
    public long version;

    /** A new private draft at revision 1, with no answers yet. */
    public static Assessment draft(UUID id, Organisation org, String cycle, LocalDate referenceDate, String instrumentId, int instrumentVersion,
            Instant now) {
        Assessment a = new Assessment();
        a.id = id;
        a.odsCode = org.odsCode();
        a.orgType = org.orgType();
        a.cycle = cycle;
        a.referenceDate = referenceDate;
        a.instrumentId = instrumentId;
        a.instrumentVersion = instrumentVersion;
        a.status = Status.DRAFT;
        a.revision = 1;
        a.sharing = SharingLevel.PRIVATE;
        a.answers = AnswersJson.NONE;
        a.createdAt = now;
        a.updatedAt = now;
        return a;
    }

    /** Where this row stands in creation order, for paging. */
    public Keyset place() {
        return new Keyset(createdAt, id);
    }
}
