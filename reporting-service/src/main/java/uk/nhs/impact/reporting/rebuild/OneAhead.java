package uk.nhs.impact.reporting.rebuild;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs tasks one at a time, in the order given, on a thread of its own, so that the caller prepares the next task while one
 * runs (a rebuild polls and reads the next batch while the current one is applied). A task's failure is thrown by the next
 * {@link #submit} or by {@link #finish}, and the task given then does not run.
 */
final class OneAhead implements AutoCloseable {
    /** Work that may fail with anything. */
    interface Task {
        void run() throws Throwable;
    }

    private final ExecutorService thread;
    private Future<?> running = CompletableFuture.completedFuture(null);

    OneAhead(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for the task running, throwing its failure; then starts {@code task}. */
    void submit(Task task) throws Throwable {
        finish();
        running = thread.submit(() -> {
            try {
                task.run();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    /** Waits for the task running, throwing its failure. */
    void finish() throws Throwable {
        try {
            running.get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
