package uk.nhs.impact.reporting.figures;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/** A counter that moves whenever the read models change, so that what is derived from them can be cached safely. */
@ApplicationScoped
public class ReadModelVersion {
    private final AtomicLong version = new AtomicLong();

    public void changed() {
        version.incrementAndGet();
    }

    public long current() {
        return version.get();
    }
}
