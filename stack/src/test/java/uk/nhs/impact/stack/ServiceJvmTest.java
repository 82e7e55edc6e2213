package uk.nhs.impact.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJvmTest {
    @TempDir
    Path dir;

    private Path javaHome(String name, String version) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Files.createFile(home.resolve("bin/java"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        return home;
    }

    @Test
    void readsTheFeatureReleaseFromTheReleaseFile() throws IOException {
        assertThat(ServiceJvm.feature(javaHome("j25", "25.0.1"))).isEqualTo(25);
        assertThat(ServiceJvm.feature(javaHome("j17", "17.0.15"))).isEqualTo(17);
        assertThat(ServiceJvm.feature(javaHome("j8", "1.8.0_402"))).isEqualTo(8);
        assertThat(ServiceJvm.feature(dir.resolve("none"))).isZero();
    }

    @Test
    void aJava25NamedByTheEnvironmentRunsTheServicesWithACache() throws IOException {
        Path launcher = javaHome("launcher", "17.0.15");
        Path j25 = javaHome("j25", "25.0.1");
        ServiceJvm jvm = ServiceJvm.choose(Map.of(ServiceJvm.JAVA_HOME_ENV, j25.toString()), launcher);
        assertThat(jvm.javaHome()).isEqualTo(j25);
        assertThat(jvm.aotCache()).isTrue();
        assertThat(jvm.command(Path.of("/app/quarkus-run.jar"), List.of("-XX:AOTCache=/app/x.aot"))).containsExactly(j25 + "/bin/java", "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:AOTCache=/app/x.aot", "-jar", "/app/quarkus-run.jar");
    }

    @Test
    void anOlderJavaNamedByTheEnvironmentRunsTheServicesWithoutACache() throws IOException {
        Path j17 = javaHome("j17", "17.0.15");
        ServiceJvm jvm = ServiceJvm.choose(Map.of(ServiceJvm.JAVA_HOME_ENV, j17.toString()), javaHome("launcher", "25.0.1"));
        assertThat(jvm.javaHome()).isEqualTo(j17);
        assertThat(jvm.aotCache()).isFalse();
    }

    @Test
    void aJavaHomeWithoutJavaIsRefused() {
        assertThatThrownBy(() -> ServiceJvm.choose(Map.of(ServiceJvm.JAVA_HOME_ENV, dir.toString()), dir)).hasMessageContaining("has no bin/java");
    }

    @Test
    void theCacheNameChangesWithTheBuildAndStaysWhileItIsUnchanged() throws IOException {
        ServiceJvm jvm = new ServiceJvm(javaHome("j25", "25.0.1"), 25);
        Path app = dir.resolve("quarkus-app");
        Files.createDirectories(app.resolve("lib/main"));
        Path jar = Files.writeString(app.resolve("quarkus-run.jar"), "run");
        Files.writeString(app.resolve("lib/main/a.jar"), "a");
        Path first = jvm.cacheFile(app);
        assertThat(first.getParent()).isEqualTo(app);
        assertThat(ServiceJvm.isCache(first)).isTrue();

        Files.writeString(first, "cache");
        Files.writeString(app.resolve("impact-0000.aot.partial"), "partial");
        assertThat(jvm.cacheFile(app)).as("the caches themselves are not part of the build").isEqualTo(first);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        Path second = jvm.cacheFile(app);
        assertThat(second).isNotEqualTo(first);

        Files.writeString(second, "cache");
        ServiceJvm.removeOtherCaches(second);
        assertThat(first).doesNotExist();
        assertThat(app.resolve("impact-0000.aot.partial")).doesNotExist();
        assertThat(second).exists();
        assertThat(app.resolve("lib/main/a.jar")).exists();
    }
}
