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

    /**
     * The processes tests started again: those the stack's stop does not know about (it stops the process objects it
     * started), and those it must stop all the same (PostgreSQL: the stack stops the cluster in its data directory,
     * whichever process runs it).
     */
    record Restarted(List<Process> byTests, List<Process> byTheStack) {
        static final Restarted NONE = new Restarted(List.of(), List.of());
    }

    private static final List<Process> STARTED = new ArrayList<>();
    private static final List<Process> STOPPED_BY_STACK = new ArrayList<>();

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

    /** The process the stack recorded for a part ({@code logs/<name>.pid}: kafka, keycloak, a service, gateway). */
    static long pid(Path logs, String name) throws IOException {
        return Long.parseLong(Files.readString(logs.resolve(name + ".pid")).trim());
    }

    /** Records {@code process} as the part's process, where the stack's stop and the next fault look for it. */
    static void recordPid(Path logs, String name, Process process) throws IOException {
        Files.writeString(logs.resolve(name + ".pid"), Long.toString(process.pid()));
    }

    /** The postmaster of the PostgreSQL cluster in {@code dataDir}, from its lock file. */
    static long postmaster(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    /**
     * How to start the PostgreSQL cluster in {@code dataDir} again exactly as it runs now (same binary, data directory,
     * port and settings, read from its postmaster). PostgreSQL refuses to run as root; the embedded server is started in a
     * user namespace, and so is its restart.
     */
    static Launch postgresLaunch(Path dataDir) throws IOException {
        Launch found = launchOf(postmaster(dataDir));
        return "root".equals(System.getProperty("user.name"))
                ? new Launch(java.util.stream.Stream.concat(java.util.stream.Stream.of("unshare", "-U"), found.command().stream()).toList(),
                        found.environment(), found.directory())
                : found;
    }

    /**
     * A crash: {@code pid} and every process below it killed with SIGKILL, so none of them can finish, flush or clean up
     * anything. {@code pid} is stopped (SIGSTOP) first so that it forks nothing while its children are listed. Returns how
     * many processes were killed, once all of them are gone (reaped: a server's lock file names its pid, and a zombie
     * would still look like the server running).
     */
    static int crash(long pid) throws IOException, InterruptedException {
        signal("STOP", pid);
        ProcessHandle top = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        List<ProcessHandle> all = new ArrayList<>();
        all.add(top);
        top.descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroyForcibly); // SIGKILL, one after another without a pause
        for (ProcessHandle h : all) {
            awaitExit(h.pid(), Duration.ofSeconds(30));
        }
        return all.size();
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

    /**
     * Starts the process again as it was, appending its output to {@code log}; the stack's stop does not know it, so the
     * tests stop it when the stack stops.
     */
    static Process restart(Launch launch, Path log) throws IOException {
        Process p = start(launch, log);
        synchronized (STARTED) {
            STARTED.add(p);
        }
        return p;
    }

    /**
     * Starts the PostgreSQL cluster again as it was ({@link #postgresLaunch}); the stack's stop must stop it by itself, and
     * the shared stack's end checks that it did.
     */
    static Process restartPostgres(Launch launch, Path log) throws IOException {
        Process p = start(launch, log);
        synchronized (STARTED) {
            STOPPED_BY_STACK.add(p);
        }
        return p;
    }

    private static Process start(Launch launch, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(launch.command()).directory(launch.directory().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().putAll(launch.environment());
        return pb.start();
    }

    /** Every process the tests started again since the last call, for the stack's stop. */
    static Restarted takeRestarted() {
        synchronized (STARTED) {
            Restarted all = new Restarted(List.copyOf(STARTED), List.copyOf(STOPPED_BY_STACK));
            STARTED.clear();
            STOPPED_BY_STACK.clear();
            return all;
        }
    }
}
