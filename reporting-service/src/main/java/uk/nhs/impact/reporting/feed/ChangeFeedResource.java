package uk.nhs.impact.reporting.feed;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import uk.nhs.impact.platform.security.OrgScope;
import uk.nhs.impact.platform.web.Cursors;
import uk.nhs.impact.platform.web.Params;
import uk.nhs.impact.reporting.access.ReportAccessTable;

@Path(ChangeFeedResource.PATH)
@Tag(name = "Change feed", description = "The state changes the caller may see, in order, resumable from any cursor")
@Authenticated
public class ChangeFeedResource {
    static final String PATH = "/api/v1/changes";
    private static final String DESCRIPTION = "Each entry is the CloudEvent the service published (id, type, source, subject, "
            + "time, data) with its `cursor`. A caller sees its own organisation's changes; ICB overseers, region and national "
            + "analysts also the baseline returns (and reviews) of organisations in their area and the self-assessment changes "
            + "of those organisations while the assessment is shared at their tier or wider; everyone sees collection windows "
            + "opening and closing, deadlines approaching and hierarchy changes. Who sees what is decided when read, with the "
            + "hierarchy as at each event's time and each assessment's current sharing.";

    @Inject
    ChangeFeed feed;
    @Inject
    ReportAccessTable access;
    @Inject
    OrgScope scope;
    @Inject
    Sse sse;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A page of the changes after a cursor; optionally waits for the next one (long-poll)", description = DESCRIPTION
            + " With `wait`, an empty page is held until an entry arrives or `wait` seconds pass; then it answers with the "
            + "entries, or an empty page and the same cursor. `Accept: text/event-stream` streams instead.")
    @APIResponse(responseCode = "200", description = "The page; `next` (and the Link header) resume after it", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedPage.class)),
            @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = FeedEntry.class, description = "Each entry as an SSE event: `id:` its cursor, `data:` the entry as JSON; `:` heartbeat comments while nothing changes"))})
    @APIResponse(responseCode = "400", description = "A bad cursor, limit or wait")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Uni<Response> page(
            @Parameter(description = "A cursor from this feed; absent for the start") @Pattern(regexp = Params.CURSOR) @Size(max = Params.CURSOR_MAX) @QueryParam("after") String after,
            @Parameter(description = "Entries per page, 1 to " + Params.LIMIT_MAX + " (default " + Cursors.DEFAULT_LIMIT
                    + ")") @Min(1) @Max(Params.LIMIT_MAX) @QueryParam("limit") Integer limit,
            @Parameter(description = "Seconds to wait for an entry when none is there yet, 0 to 30") @Min(0) @Max(30) @QueryParam("wait") Integer wait) {
        long position = feed.cursors().decode(after, "after");
        int size = Cursors.limit(limit);
        return feed.page(access.viewerOf(scope), position, size, Duration.ofSeconds(wait == null ? 0 : wait))
                .map(page -> Response.ok(page)
                        .header("Link", "<" + PATH + "?after=" + page.next() + "&limit=" + size + ">; rel=\"next\"").build());
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The changes after a cursor as Server-Sent Events, then each new one as it arrives", description = DESCRIPTION
            + " Resumes after `Last-Event-ID` when sent (a reconnecting EventSource sends it), else after `after`.")
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "A cursor from this feed; absent for the start") @Pattern(regexp = Params.CURSOR) @Size(max = Params.CURSOR_MAX) @QueryParam("after") String after,
            @Parameter(description = "The cursor of the last event received") @Pattern(regexp = Params.CURSOR) @Size(max = Params.CURSOR_MAX) @HeaderParam("Last-Event-ID") String lastEventId) {
        long position = lastEventId != null && !lastEventId.isBlank()
                ? feed.cursors().decode(lastEventId, "Last-Event-ID")
                : feed.cursors().decode(after, "after");
        return feed.stream(access.viewerOf(scope), position).onItem().transformToIterable(this::events);
    }

    private List<OutboundSseEvent> events(List<FeedEntry> entries) {
        if (entries.isEmpty()) {
            return List.of(sse.newEventBuilder().comment("heartbeat").build());
        }
        return entries.stream().map(e -> sse.newEventBuilder().id(e.cursor()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(FeedEntry.class, e).build()).toList();
    }
}
