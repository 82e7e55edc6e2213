package uk.nhs.impact.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak from the official distribution zip. The zip is unpacked and built once into a cache
 * folder that survives {@code mvn clean}; each instance runs from its own linked copy so several can run at once.
 */
public final class KeycloakServer implements AutoCloseable {
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** Options fixed at build time; a change here rebuilds the cached distribution. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-mem", "--health-enabled=true");

    private final Path home;
    private final int port;
    private final String realm;
    private final boolean temporary;
    private Process process;
    private Thread closeOnExit;

    private KeycloakServer(Path home, int port, String realm, boolean temporary) {
        this.home = home;
        this.port = port;
        this.realm = realm;
        this.temporary = temporary;
    }

    /**
     * Starts Keycloak with the realm file imported and waits until the realm answers.
     *
     * @param cacheDir folder holding {@code dist/keycloak-quarkus-dist-*.zip}, where the built distribution is kept
     * @param instanceDir where this instance keeps its data and log (null: a temporary folder)
     */
    public static KeycloakServer start(Path cacheDir, String version, Path realmFile, String realm, int port, Path instanceDir) {
        Path built = prepare(cacheDir, version);
        try {
            Path home = instanceDir != null ? instanceDir : Files.createTempDirectory("keycloak-");
            linkTree(built, home);
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            Files.copy(realmFile, imports.resolve(realm + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            KeycloakServer server = new KeycloakServer(home, port, realm, instanceDir == null);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String realmUrl() {
        return url() + "/realms/" + realm;
    }

    /** The id of the server's process (its start script, whose child is the JVM). */
    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return home.resolve("keycloak.log");
    }

    private void launch() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + Ports.free(), "--hostname-strict=false", "--import-realm");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        pb.redirectErrorStream(true).redirectOutput(logFile().toFile());
        process = pb.start();
        closeOnExit = new Thread(this::close, "keycloak-stop");
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        awaitRealm(Duration.ofSeconds(180));
    }

    private void awaitRealm(Duration timeout) {
        if (!UrlProbe.answers(process, URI.create(realmUrl() + "/.well-known/openid-configuration"), timeout, Duration.ofSeconds(5), 250,
                exit -> "Keycloak exited with " + exit + "; see " + logFile())) {
            close();
            throw new IllegalStateException("Keycloak realm " + realm + " did not answer within " + timeout + "; see " + logFile());
        }
    }

    /**
     * Lets the server outlive this JVM: it is no longer stopped when the JVM exits, and whoever keeps its process id is
     * responsible for stopping it.
     *
     * @return the id of the server's process
     */
    public synchronized long detach() {
        Runtime.getRuntime().removeShutdownHook(closeOnExit);
        return process.pid();
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (temporary && process != null && !process.isAlive()) {
            try {
                deleteTree(home);
            } catch (IOException leftBehind) {
                // a temporary folder; the OS cleans it eventually
            }
        }
    }

    /** Unpacks and builds the distribution once; safe when several JVMs ask at the same time. */
    static Path prepare(Path cacheDir, String version) {
        Path zip = cacheDir.resolve("dist/keycloak-quarkus-dist-" + version + ".zip");
        Path built = cacheDir.resolve("keycloak-" + version);
        Path marker = built.resolve(".built " + String.join(" ", BUILD_OPTIONS).replace('/', '_'));
        try {
            Files.createDirectories(cacheDir);
            try (FileChannel channel = FileChannel.open(cacheDir.resolve(".keycloak.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (Files.exists(marker)) {
                    return built;
                }
                if (!Files.exists(zip)) {
                    throw new IllegalStateException("Keycloak distribution not found at " + zip
                            + ": build the 'stack' module first (it copies it from the Maven repository)");
                }
                deleteTree(built);
                unzip(zip, built);
                List<String> command = new ArrayList<>(List.of(built.resolve("bin/kc.sh").toString(), "build"));
                command.addAll(BUILD_OPTIONS);
                Process build = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(cacheDir.resolve("keycloak-build.log").toFile()).start();
                if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
                    throw new IllegalStateException("kc.sh build failed; see " + cacheDir.resolve("keycloak-build.log"));
                }
                Files.createFile(marker);
                return built;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName();
                String relative = name.substring(name.indexOf('/') + 1); // drop the keycloak-x.y.z/ top folder
                if (relative.isEmpty()) {
                    continue;
                }
                Path out = target.resolve(relative).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Zip entry outside target: " + name);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    copy(in, out);
                    if (relative.startsWith("bin/") && relative.endsWith(".sh")) {
                        out.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    private static void copy(InputStream in, Path out) throws IOException {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Hard-links every file of the built distribution (fast, no extra space), leaving out its data folder. */
    private static void linkTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(dir);
                if (rel.toString().equals("data")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(rel.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                Files.deleteIfExists(target);
                try {
                    Files.createLink(target, file);
                } catch (IOException | UnsupportedOperationException crossDevice) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
