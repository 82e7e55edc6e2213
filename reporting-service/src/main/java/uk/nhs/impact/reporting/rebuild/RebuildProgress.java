package uk.nhs.impact.reporting.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** Where a rebuild stands: records replayed out of those on the topics when it began. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildProgress(State state, long replayed, Long total, Instant startedAt, Instant finishedAt, String failure) {
    public enum State {
        IDLE, RUNNING, DONE, FAILED
    }

    static RebuildProgress idle() {
        return new RebuildProgress(State.IDLE, 0, null, null, null, null);
    }

    static RebuildProgress started(Instant at) {
        return new RebuildProgress(State.RUNNING, 0, null, at, null, null);
    }

    RebuildProgress withTotal(long total) {
        return new RebuildProgress(state, replayed, total, startedAt, finishedAt, failure);
    }

    RebuildProgress plus(long records) {
        return new RebuildProgress(state, replayed + records, total, startedAt, finishedAt, failure);
    }

    RebuildProgress finished(Instant at, String failure) {
        return new RebuildProgress(failure == null ? State.DONE : State.FAILED, replayed, total, startedAt, at, failure);
    }
}
