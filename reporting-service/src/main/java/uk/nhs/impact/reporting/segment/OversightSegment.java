package uk.nhs.impact.reporting.segment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import java.time.LocalDate;

/**
 * An organisation's oversight segment under one framework for one period (e.g. NOF 2022/23 segment 3), in force from
 * {@code effectiveFrom} to {@code effectiveTo}. Segments of different frameworks are never compared.
 */
@Entity
public class OversightSegment extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String odsCode;
    public String frameworkId;
    public String period;
    public int segment;
    public LocalDate effectiveFrom;
    public LocalDate effectiveTo;
}
