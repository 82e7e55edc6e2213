package uk.nhs.impact.reporting.segment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * An organisation's oversight segment under one framework for one period (e.g. NOF 2022/23 segment 3), in force from
 * {@code effectiveFrom} to {@code effectiveTo}. Segments of different frameworks are never compared.
 */
@Entity
@Table(name = "oversight_segment")
public class OversightSegment extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "ods_code")
    public String odsCode;
    @Column(name = "framework_id")
    public String frameworkId;
    public String period;
    public int segment;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @Column(name = "effective_to")
    public LocalDate effectiveTo;
}
