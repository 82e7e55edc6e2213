package uk.nhs.impact.reporting.feed;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the feed, in feed order, and where to resume: after the last entry, or where the caller was when empty. */
public record FeedPage(List<FeedEntry> items,
        @Schema(description = "Pass as `after` for the next page; the same cursor when nothing new has arrived") String next) {
}
