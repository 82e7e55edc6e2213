package uk.nhs.impact.survey.run;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** A collection window of one survey version, open to some organisation types. Closing is final. */
@Entity
@Table(name = "survey_run")
public class SurveyRun extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "instrument_id")
    public String instrumentId;
    @Column(name = "instrument_version")
    public int instrumentVersion;
    @Column(name = "reference_date")
    public LocalDate referenceDate;
    @Column(name = "opens_at")
    public Instant opensAt;
    @Column(name = "closes_at")
    public Instant closesAt;
    public boolean closed;
    /** Comma-separated organisation types that may respond (trust, icb, region, directorate). */
    @Column(name = "org_types")
    public String orgTypes;
    @Column(name = "created_at")
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
