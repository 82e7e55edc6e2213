package uk.nhs.impact.stack.test;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds or the time is up; then fails with what was last seen. */
public final class Eventually {
    private Eventually() {
    }

    /**
     * Polls {@code probe} until {@code done} holds; a probe that throws (e.g. reading a figure before the first event has
     * arrived) counts as not yet, and the last failure is reported if the time runs out.
     */
    public static <T> T await(Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            RuntimeException failure = null;
            T last = null;
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException notYet) {
                failure = notYet;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within " + timeout + "; last value: " + last, failure);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
