package uk.nhs.impact.reporting.feed;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * When an open window's close date is 7 days away, and again 1 day away, the feed tells everyone, once each: the notice for
 * a threshold is due while the days left are at most that threshold and more than the next one (so a window opened with
 * 3 days to go gets the 7-day notice at once). The id is derived from the window, its close date and the threshold, so
 * the scheduled check and the one at start-up never add a notice twice; a close date moved later earns new notices.
 */
public final class DeadlineRule {
    /** The thresholds, widest first. */
    static final List<Integer> THRESHOLDS = List.of(7, 1);

    private DeadlineRule() {
    }

    /** One notice: which window, when it closes, how many days are left today, and the threshold it is for. */
    public record Notice(String windowKind, String windowId, LocalDate closesOn, long daysLeft, int threshold) {
        public String eventId() {
            return UUID.nameUUIDFromBytes(("deadline-approaching:" + windowKind + ":" + windowId + ":" + closesOn + ":" + threshold)
                    .getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    /** The notice due today for a window closing on {@code closesOn}, if any. */
    public static Optional<Notice> due(String windowKind, String windowId, LocalDate closesOn, LocalDate today) {
        long left = ChronoUnit.DAYS.between(today, closesOn);
        for (int i = 0; i < THRESHOLDS.size(); i++) {
            int threshold = THRESHOLDS.get(i);
            int below = i + 1 < THRESHOLDS.size() ? THRESHOLDS.get(i + 1) : -1;
            if (left <= threshold && left > below) {
                return Optional.of(new Notice(windowKind, windowId, closesOn, left, threshold));
            }
        }
        return Optional.empty();
    }
}
