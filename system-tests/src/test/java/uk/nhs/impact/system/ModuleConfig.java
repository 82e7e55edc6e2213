package uk.nhs.impact.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a module's configuration reads from its environment, for the tests that check deployment files against it. */
final class ModuleConfig {
    static final Path ROOT = Path.of(System.getProperty("impact.repo.root", "..")).toAbsolutePath().normalize();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+):([^}]*)}");

    private ModuleConfig() {
    }

    /** Environment variables a module reads, with their defaults, from its application.properties. */
    static Map<String, String> placeholders(String module) throws IOException {
        Map<String, String> found = new HashMap<>();
        Matcher m = PLACEHOLDER.matcher(Files.readString(ROOT.resolve(module + "/src/main/resources/application.properties")));
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return found;
    }
}
