package uk.nhs.impact.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Faults for the running stack: a process killed or stopped, and started again exactly as it was. */
final class Processes {
    /** How a process was started: command line, environment and working directory, read from /proc. */
    record Launch(List<String> command, Map<String, String> environment, Path directory) {
    }

    private static final List<Process> STARTED = new ArrayList<>();

    private Processes() {
    }

    static Launch launchOf(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        List<String> command = Arrays.asList(new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).split("\0"));
        Map<String, String> env = new HashMap<>();
        for (String kv : new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8).split("\0")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return new Launch(command, env, proc.resolve("cwd").toRealPath());
    }

    static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    static void awaitExit(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("process " + pid + " still alive after " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** Starts the process again as it was, appending its output to {@code log}. */
    static Process restart(Launch launch, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(launch.command()).directory(launch.directory().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().putAll(launch.environment());
        Process p = pb.start();
        synchronized (STARTED) {
            STARTED.add(p);
        }
        return p;
    }

    /** Stops what the tests restarted that the stack itself does not know about. */
    static void stopRestarted(List<Process> keep) throws InterruptedException {
        synchronized (STARTED) {
            for (Process p : STARTED) {
                if (!keep.contains(p) && p.isAlive()) {
                    p.destroy();
                    p.waitFor();
                }
            }
            STARTED.clear();
        }
    }
}
