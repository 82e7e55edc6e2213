package uk.nhs.impact.survey.run;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** A collection window of one survey version, open to some organisation types. Closing is final. */
@Entity
public class SurveyRun extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String instrumentId;
    public int instrumentVersion;
    public LocalDate referenceDate;
    public Instant opensAt;
    public Instant closesAt;
    public boolean closed;
    /** Comma-separated organisation types that may respond (trust, icb, region, directorate). */
    public String orgTypes;
    public Instant createdAt;
    @Version
    public long version;

    public List<String> organisationTypes() {
        return Arrays.asList(orgTypes.split(","));
    }

    public boolean acceptsResponsesAt(Instant now) {
        return !closed && !now.isBefore(opensAt) && now.isBefore(closesAt);
    }
}
