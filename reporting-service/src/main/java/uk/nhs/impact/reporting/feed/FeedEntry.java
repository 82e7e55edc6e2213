package uk.nhs.impact.reporting.feed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One change as the caller reads it: the CloudEvent the service published, and the cursor to resume after it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A CloudEvent (structured JSON form) plus the cursor to resume after it")
public record FeedEntry(
        @Schema(description = "Pass as `after` (or SSE `Last-Event-ID`) to read what came after this entry") String cursor,
        String specversion, String id, String type, String source,
        @Schema(description = "The organisation's ODS code, or the window's id") String subject,
        OffsetDateTime time, String datacontenttype,
        @Schema(description = "The event's payload, as published (self-assessment answers only where the caller may read them)") JsonNode data,
        @JsonIgnore long position) {
}
