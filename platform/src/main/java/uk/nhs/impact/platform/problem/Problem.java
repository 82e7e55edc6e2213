package uk.nhs.impact.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** An RFC 9457 problem detail, served as {@code application/problem+json}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String correlationId,
        List<FieldError> errors,
        Map<String, Object> context) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are documented under this base. */
    public static final String TYPE_BASE = "https://impact.nhs.uk/problems/";
}
