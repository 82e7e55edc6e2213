package uk.nhs.impact.reporting.feed;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.impact.reporting.access.Viewer;

/** Pages of the feed, waiting for new entries when asked to (long-poll), and the endless stream SSE callers read. */
@ApplicationScoped
public class ChangeFeed {
    /** How long a waiting caller sleeps at most before it looks again, should a signal not reach it. */
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);
    static final int STREAM_BATCH = 100;

    private final FeedReader reader;
    private final FeedSignal signal;
    private final FeedCursor cursors;
    private final Duration heartbeat;

    public ChangeFeed(FeedReader reader, FeedSignal signal,
            @ConfigProperty(name = "impact.feed.cursor-key", defaultValue = "change-feed-cursor-key") String cursorKey,
            @ConfigProperty(name = "impact.feed.heartbeat", defaultValue = "15s") Duration heartbeat) {
        this.reader = reader;
        this.signal = signal;
        this.cursors = new FeedCursor(cursorKey);
        this.heartbeat = heartbeat;
    }

    public FeedCursor cursors() {
        return cursors;
    }

    /** Up to {@code limit} entries after {@code position}; when there are none, waits up to {@code wait} for one. */
    public Uni<FeedPage> page(Viewer viewer, long position, int limit, Duration wait) {
        return entries(viewer, position, limit, System.nanoTime() + wait.toNanos())
                .map(items -> new FeedPage(items, cursors.encode(items.isEmpty() ? position : items.get(items.size() - 1).position())));
    }

    /**
     * Every entry after {@code position}, then each new one as it arrives, for as long as the caller listens; an empty list
     * stands for a heartbeat, sent when nothing has arrived for the heartbeat interval.
     */
    public Multi<List<FeedEntry>> stream(Viewer viewer, long position) {
        AtomicLong at = new AtomicLong(position);
        return Multi.createBy().repeating()
                .uni(() -> entries(viewer, at.get(), STREAM_BATCH, System.nanoTime() + heartbeat.toNanos())
                        .invoke(items -> {
                            if (!items.isEmpty()) {
                                at.set(items.get(items.size() - 1).position());
                            }
                        }))
                .indefinitely();
    }

    private Uni<List<FeedEntry>> entries(Viewer viewer, long position, int limit, long deadline) {
        return reader.after(viewer, position, limit, cursors).chain(items -> {
            long left = deadline - System.nanoTime();
            if (!items.isEmpty() || left <= 0) {
                return Uni.createFrom().item(items);
            }
            Duration pause = Duration.ofNanos(Math.min(left, LOOK_AGAIN.toNanos()));
            return signal.await(pause).chain(() -> entries(viewer, position, limit, deadline));
        });
    }
}
