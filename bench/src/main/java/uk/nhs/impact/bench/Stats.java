package uk.nhs.impact.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Latencies in a histogram (microseconds), min / median / max over repeated runs, a lock-free load loop and the warm-up
 * that runs until two consecutive runs agree.
 */
final class Stats {
    private Stats() {
    }

    static Histogram histogram() {
        return new Histogram(60_000_000L, 3);
    }

    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** min / median (of an even number, the mean of the middle two) / max of repeated measurements. */
    record Spread(double min, double median, double max) {
        static Spread of(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Spread(sorted.get(0), median, sorted.get(n - 1));
        }

        String format(String unit) {
            return String.format(Locale.ROOT, "%.1f / %.1f / %.1f %s", min, median, max, unit);
        }
    }

    /** One operation of one load client: it owns everything it touches (HTTP client, JDBC connection, tokens). */
    interface Operation {
        void run() throws Exception;
    }

    /** A load client: set up before the clock starts, its operation repeated, closed after the clock stops. */
    interface Client extends AutoCloseable {
        Operation operation();

        @Override
        default void close() throws Exception {
        }
    }

    /** The outcome of one timed run: operations per second over the run and the latencies of all clients, merged. */
    record Run(double perSecond, Histogram latency) {
    }

    /**
     * Runs {@code clients} load clients for {@code seconds}. Nothing is shared while they run: each client counts and records
     * into its own histogram and reads the deadline from its own copy; operations that end after the deadline are not counted.
     * The histograms are merged after every client has stopped.
     */
    static Run load(int clients, double seconds, IntFunction<Client> factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[] startAt = new long[1];
        List<Future<long[]>> counts = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            Histogram own = histogram();
            histograms.add(own);
            counts.add(pool.submit(() -> {
                boolean counted = false;
                try (Client client = factory.apply(id)) {
                    Operation op = client.operation();
                    ready.countDown();
                    counted = true;
                    go.await();
                    long deadline = startAt[0] + (long) (seconds * 1e9);
                    long done = 0;
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= deadline) {
                            break;
                        }
                        op.run();
                        long t1 = System.nanoTime();
                        if (t1 <= deadline) {
                            own.recordValue(Math.min((t1 - t0) / 1000, own.getHighestTrackableValue()));
                            done++;
                        }
                    }
                    return new long[]{done};
                } finally {
                    if (!counted) {
                        ready.countDown(); // a client that failed to set up must not hold the others back
                    }
                }
            }));
        }
        ready.await();
        startAt[0] = System.nanoTime();
        go.countDown();
        long total = 0;
        try {
            for (Future<long[]> f : counts) {
                total += f.get()[0];
            }
        } finally {
            pool.shutdownNow();
        }
        Histogram merged = histogram();
        histograms.forEach(merged::add);
        return new Run(total / seconds, merged);
    }

    /** A run repeated during the warm-up: returns its rate. */
    interface Timed {
        double run() throws Exception;
    }

    /** How a warm-up ended: the rates of its runs and whether the last two agreed within the tolerance. */
    record Warmup(List<Double> rates, boolean settled) {
        String describe() {
            StringBuilder s = new StringBuilder();
            rates.forEach(r -> s.append(s.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", r)));
            return (settled ? "settled after " : "NOT settled after ") + rates.size() + " runs (" + s + ")";
        }
    }

    /** Relative difference allowed between two consecutive warm-up runs for the path to count as steady. */
    static final double STEADY = 0.05;

    /**
     * Whether a path stayed where its warm-up settled while it was measured: every measured rate within the tolerance of
     * the warm-up's last run. A path that pauses while the JIT compiles can give two equal runs and then rise again; the
     * run is then reported as not steady rather than measured as if it were.
     */
    static boolean held(Warmup w, List<Double> measured) {
        double last = w.rates().get(w.rates().size() - 1);
        return measured.stream().allMatch(m -> Math.abs(m - last) <= STEADY * Math.max(m, last));
    }

    /** Repeats {@code run} until two consecutive runs agree within 5 %, at most {@code maxRuns} times. */
    static Warmup warm(String what, int maxRuns, Timed run) throws Exception {
        List<Double> rates = new ArrayList<>();
        boolean settled = false;
        while (rates.size() < maxRuns && !settled) {
            rates.add(run.run());
            int n = rates.size();
            settled = n >= 2 && Math.abs(rates.get(n - 1) - rates.get(n - 2)) <= STEADY * Math.max(rates.get(n - 1), rates.get(n - 2));
        }
        Warmup w = new Warmup(rates, settled);
        System.out.println("  warm-up, " + what + ": " + w.describe());
        return w;
    }
}
