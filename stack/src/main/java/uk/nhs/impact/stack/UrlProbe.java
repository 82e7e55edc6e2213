package uk.nhs.impact.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntFunction;

/** Polls a URL until it answers 200, for as long as the process that serves it (when known) is alive. */
public final class UrlProbe {
    private UrlProbe() {
    }

    /** True once {@code url} answers 200, false if it has not within {@code timeout}. */
    public static boolean answers(URI url, Duration timeout) {
        return answers(null, url, timeout, Duration.ofSeconds(2), 200, exit -> "");
    }

    /**
     * True once {@code url} answers 200, false if it has not within {@code timeout}; throws with {@code whenExited} (given the exit code)
     * if the process ends first.
     */
    static boolean answers(Process process, URI url, Duration timeout, Duration requestTimeout, long intervalMillis,
            IntFunction<String> whenExited) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(requestTimeout.dividedBy(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(url).timeout(requestTimeout).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(whenExited.apply(process.exitValue()));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return false;
    }
}
