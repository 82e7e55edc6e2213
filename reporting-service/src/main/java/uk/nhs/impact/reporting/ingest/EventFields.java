package uk.nhs.impact.reporting.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import uk.nhs.impact.contracts.OrganisationRef;

/** The checks and conversions every handler makes on a contract record's fields before writing rows. */
public final class EventFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventFields() {
    }

    /** {@code value}, or a poison event naming the field when it is missing or blank. */
    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("missing field " + field);
        }
        return value;
    }

    /** {@code value}, or a poison event naming the field when it is missing. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new PoisonEventException("missing field " + field);
        }
        return value;
    }

    /** The organisation block; poison when missing or without an ODS code. */
    public static OrganisationRef organisation(OrganisationRef org) {
        if (org == null || org.odsCode() == null || org.odsCode().isBlank()) {
            throw new PoisonEventException("missing field organisation.odsCode");
        }
        return org;
    }

    /** An instant as the timestamptz parameter the read models take. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Plain values (answers) as the JSON text a jsonb column is written from. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("not writable as JSON: " + e.getOriginalMessage());
        }
    }
}
