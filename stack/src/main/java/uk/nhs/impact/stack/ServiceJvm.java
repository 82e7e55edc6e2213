package uk.nhs.impact.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java a service of the local stack runs on, and its command line. The services are compiled for Java 17 and run on the
 * launcher's own Java; with {@value #JAVA_HOME_ENV} naming a Java 25 (or later), e.g. {@code /usr/lib/jvm/temurin-25-jdk-amd64},
 * they run on that instead, with an ahead-of-time cache (JEP 483/514/515: classes
 * loaded and linked, method profiles) made by a training run of the same build: the service started with
 * {@code -XX:AOTCacheOutput}, stopped once ready (the JVM writes the cache as it exits), then started with
 * {@code -XX:AOTCache}. The cache is kept in the service's {@code target/quarkus-app} under a name that fingerprints the
 * build (every file's path, size and modification time), the Java and the options, so it is reused while they are
 * unchanged and made again after a build.
 */
final class ServiceJvm {
    /** A Java home to run the services on (any version; an ahead-of-time cache is used from Java 25 on). */
    static final String JAVA_HOME_ENV = "IMPACT_SERVICE_JAVA_HOME";
    static final int AOT_FEATURE = 25;
    /**
     * Every service's JVM options: a heap cap and the serial collector (one collector thread, least overhead for a heap
     * this small on a machine whose cores the services share).
     */
    static final List<String> OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    private final Path javaHome;
    private final int feature;

    ServiceJvm(Path javaHome, int feature) {
        this.javaHome = javaHome;
        this.feature = feature;
    }

    /**
     * The Java named by {@value #JAVA_HOME_ENV} (whatever its version: {@code IMPACT_SERVICE_JAVA_HOME=$JAVA17_HOME} runs
     * the services on Java 17), else the launcher's own Java.
     */
    static ServiceJvm choose(Map<String, String> env, Path launcherHome) {
        Optional<Path> named = Optional.ofNullable(env.get(JAVA_HOME_ENV)).filter(s -> !s.isBlank()).map(Path::of);
        if (named.isPresent()) {
            if (!Files.isExecutable(named.get().resolve("bin/java"))) {
                throw new IllegalStateException(JAVA_HOME_ENV + "=" + named.get() + " has no bin/java");
            }
            return new ServiceJvm(named.get(), feature(named.get()));
        }
        return new ServiceJvm(launcherHome, feature(launcherHome));
    }

    /** The feature release of the Java at {@code home} (25 for 25.0.1), from its {@code release} file; 0 when unknown. */
    static int feature(Path home) {
        try {
            Matcher m = Pattern.compile("JAVA_VERSION=\"(?:1\\.)?(\\d+)").matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    Path javaHome() {
        return javaHome;
    }

    boolean aotCache() {
        return feature >= AOT_FEATURE;
    }

    String java() {
        return javaHome.resolve("bin/java").toString();
    }

    /** The command that runs {@code quarkus-run.jar} with {@code extra} JVM options before the jar. */
    List<String> command(Path jar, List<String> extra) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(OPTIONS);
        command.addAll(extra);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /**
     * Where this build's cache for the application in {@code appDir} ({@code target/quarkus-app}) is or will be: a name
     * that changes with any file of the build, the Java and the options.
     */
    Path cacheFile(Path appDir) {
        try (Stream<Path> files = Files.walk(appDir)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((javaHome.toRealPath() + "\n" + Files.readString(javaHome.resolve("release")) + "\n" + OPTIONS + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !isCache(f)).sorted().toList()) {
                digest.update((appDir.relativize(file) + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return appDir.resolve("impact-" + HexFormat.of().formatHex(digest.digest(), 0, 8) + ".aot");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + appDir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the caches of earlier builds beside {@code keep}. */
    static void removeOtherCaches(Path keep) {
        try (Stream<Path> files = Files.list(keep.getParent())) {
            for (Path f : files.filter(ServiceJvm::isCache).filter(f -> !f.equals(keep)).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove old caches beside " + keep, e);
        }
    }

    static boolean isCache(Path f) {
        String name = f.getFileName().toString();
        return name.startsWith("impact-") && (name.endsWith(".aot") || name.contains(".aot."));
    }
}
