package uk.nhs.impact.platform.testapp;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.util.UUID;

/** A minimal aggregate that exercises the platform pieces in tests. */
@Entity
public class Note extends PanacheEntityBase {
    @Id
    public UUID id;
    public String owner;
    public String text;
    public int level;
    @Version
    public long version;
}
