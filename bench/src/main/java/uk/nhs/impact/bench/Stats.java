package uk.nhs.impact.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Latencies in a histogram (microseconds), and min / median / max over repeated runs. */
final class Stats {
    private Stats() {
    }

    static Histogram histogram() {
        return new Histogram(60_000_000L, 3);
    }

    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** min / median / max of repeated measurements. */
    record Spread(double min, double median, double max) {
        static Spread of(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return new Spread(sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        }

        String format(String unit) {
            return String.format(Locale.ROOT, "%.1f / %.1f / %.1f %s", min, median, max, unit);
        }
    }
}
