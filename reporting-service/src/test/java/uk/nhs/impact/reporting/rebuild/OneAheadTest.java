package uk.nhs.impact.reporting.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OneAheadTest {

    @Test
    void runsTasksInOrderOneAtATimeWhileTheCallerGoesOn() throws Throwable {
        List<Integer> done = new CopyOnWriteArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (OneAhead ahead = new OneAhead("test-apply")) {
            CountDownLatch release = new CountDownLatch(1);
            ahead.submit(() -> {
                release.await();
                done.add(0);
            });
            // the caller is not held up by the task running: it goes on until it submits the next
            assertThat(done).isEmpty();
            release.countDown();
            for (int i = 1; i <= 20; i++) {
                int n = i;
                ahead.submit(() -> {
                    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    Thread.yield();
                    done.add(n);
                    inFlight.decrementAndGet();
                });
            }
            ahead.finish();
        }
        assertThat(done).containsExactlyElementsOf(IntStream.rangeClosed(0, 20).boxed().toList());
        assertThat(most.get()).isEqualTo(1);
    }

    @Test
    void aFailureIsThrownByTheNextSubmitWhoseTaskThenDoesNotRun() throws Throwable {
        List<String> done = new CopyOnWriteArrayList<>();
        try (OneAhead ahead = new OneAhead("test-apply")) {
            ahead.submit(() -> {
                throw new IllegalArgumentException("batch refused");
            });
            assertThatThrownBy(() -> ahead.submit(() -> done.add("next"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("batch refused");
        }
        assertThat(done).isEmpty();
    }

    @Test
    void finishThrowsTheLastTasksFailure() throws Throwable {
        try (OneAhead ahead = new OneAhead("test-apply")) {
            ahead.submit(() -> {
            });
            ahead.submit(() -> {
                throw new Exception("database away");
            });
            assertThatThrownBy(ahead::finish).hasMessage("database away");
        }
    }
}
