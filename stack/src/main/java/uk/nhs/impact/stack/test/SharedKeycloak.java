package uk.nhs.impact.stack.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import uk.nhs.impact.stack.KeycloakServer;
import uk.nhs.impact.stack.Ports;
import uk.nhs.impact.stack.UrlProbe;

/**
 * One real Keycloak for every test JVM of one build: the first module's tests start it, the next modules' tests find it
 * and use it. Keycloak is the slowest of the test servers to start, and the realm is the same for every module (tests
 * only add users and probe clients, each created when missing).
 *
 * <p>
 * The server belongs to the build's Maven process (the test JVM's parent): a small watchdog stops it, and removes its
 * folder, once that process has gone, however the build ends. Two builds never share a server.
 */
final class SharedKeycloak {
    private static final Duration REUSE_PROBE = Duration.ofSeconds(5);

    private SharedKeycloak() {
    }

    /** The realm URL's base ({@code http://127.0.0.1:port}) of the build's Keycloak, started when there is none yet. */
    static String url(Path cacheDir, String version, Path realmFile, String realm) {
        long owner = owner();
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "nhs-impact-test-keycloak-" + owner);
        String identity = version + " " + digest(realmFile);
        try {
            Files.createDirectories(home.getParent());
            try (FileChannel channel = FileChannel.open(home.getParent().resolve(home.getFileName() + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                Path state = home.resolve("shared.properties");
                Optional<String> running = running(state, identity, realm);
                if (running.isPresent()) {
                    return running.get();
                }
                deleteQuietly(home);
                KeycloakServer server = KeycloakServer.start(cacheDir, version, realmFile, realm, Ports.free(), home);
                long pid = server.detach();
                watch(owner, pid, home);
                Properties props = new Properties();
                props.setProperty("url", server.url());
                props.setProperty("identity", identity);
                try (var out = Files.newOutputStream(state)) {
                    props.store(out, "Keycloak shared by the test JVMs of build process " + owner);
                }
                return server.url();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> running(Path state, String identity, String realm) throws IOException {
        if (!Files.exists(state)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(state)) {
            props.load(in);
        }
        String url = props.getProperty("url");
        if (!identity.equals(props.getProperty("identity")) || url == null) {
            return Optional.empty();
        }
        return UrlProbe.answers(URI.create(url + "/realms/" + realm + "/.well-known/openid-configuration"), REUSE_PROBE) ? Optional.of(url) : Optional.empty();
    }

    /**
     * The Maven process running the build, when the tests run in a JVM it forked (directly or through a shell); else this
     * JVM, so the server ends with the tests.
     */
    private static long owner() {
        ProcessHandle self = ProcessHandle.current();
        Optional<ProcessHandle> ancestor = self.parent();
        for (int hops = 0; hops < 3 && ancestor.isPresent(); hops++) {
            ProcessHandle candidate = ancestor.get();
            if (candidate.info().commandLine().map(c -> c.contains("plexus.classworlds")).orElse(false)) {
                return candidate.pid();
            }
            ancestor = candidate.parent();
        }
        return self.pid();
    }

    /** Stops the server (politely, then by force) and removes its folder once the owner has exited. */
    private static void watch(long owner, long pid, Path home) throws IOException {
        String script = """
                while kill -0 "$1" 2>/dev/null; do sleep 1; done
                kill -TERM "$2" 2>/dev/null
                i=0; while kill -0 "$2" 2>/dev/null && [ $i -lt 30 ]; do sleep 1; i=$((i+1)); done
                pkill -KILL -P "$2" 2>/dev/null; kill -KILL "$2" 2>/dev/null
                rm -rf "$3" "$3.lock"
                """;
        new ProcessBuilder("sh", "-c", script, "keycloak-watchdog", Long.toString(owner), Long.toString(pid), home.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException leftBehind) {
            // a stale folder from an earlier build; the start below fails loudly if it is in the way
        }
    }
}
