package uk.nhs.impact.baseline.collection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/** A baseline collection: a window in which each organisation files at most one return, reported as at its reference date. */
@Entity
public class Collection extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public LocalDate referenceDate;
    public Instant opensAt;
    public Instant closesAt;
    public boolean closed;
    @Version
    public long version;

    /** Open for returns at {@code now}: within its window and not closed. */
    public boolean acceptsReturnsAt(Instant now) {
        return !closed && !now.isBefore(opensAt) && now.isBefore(closesAt);
    }
}
