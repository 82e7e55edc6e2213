package uk.nhs.impact.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The reliability and security suite's figures: each test prints its line and appends it to
 * {@code system-tests/target/suite-summary.md}, the table the README records after a run.
 */
final class SuiteSummary {
    private static final Path FILE = Path.of("target", "suite-summary.md");

    private SuiteSummary() {
    }

    static void record(String check, String figures) {
        String line = "| " + check + " | " + figures + " |";
        System.out.println("SUITE SUMMARY " + line);
        try {
            Files.createDirectories(FILE.getParent());
            if (!Files.exists(FILE)) {
                Files.writeString(FILE, "Run of " + Instant.now() + "\n\n| Check | Figures |\n|---|---|\n", StandardCharsets.UTF_8);
            }
            Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
