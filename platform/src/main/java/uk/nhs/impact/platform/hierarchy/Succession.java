package uk.nhs.impact.platform.hierarchy;

import java.time.LocalDate;

/** {@code predecessor} merged into {@code successor} on {@code effective} (its last day was the day before). */
public record Succession(String predecessor, String successor, LocalDate effective) {
}
