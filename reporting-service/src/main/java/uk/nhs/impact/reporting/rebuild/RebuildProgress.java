package uk.nhs.impact.reporting.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** Where a rebuild stands: records replayed out of those on the topics when it began. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildProgress(State state, long replayed, Long total, Instant startedAt, Instant finishedAt, String failure) {
    public enum State {
        IDLE, RUNNING, DONE, FAILED
    }
}
