package uk.nhs.impact.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The gateway's metric uri patterns (quarkus.micrometer.binder.http-server.match-patterns) cover every route template the
 * services declare with JAX-RS {@code @Path}, read from their sources: a path filled with any values maps to its
 * template, so a new endpoint cannot put raw ids or ODS codes into the gateway's metrics; and any other path under a
 * route, or anywhere, still maps to a fixed tag. Applied as Quarkus applies them: in order, first full match wins.
 */
class MetricTemplatesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("assessment-service", "survey-service", "baseline-service", "reporting-service",
            "organisation-service");
    private static final Pattern HTTP_METHOD = Pattern.compile("@(GET|POST|PUT|PATCH|DELETE|HEAD)\\b");
    private static final Pattern PATH = Pattern.compile("@Path\\(\\s*(?:\"([^\"]*)\"|\\w+\\.(\\w+))\\s*\\)");
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]*)\";");
    /** Resources that extend it serve its methods under their own path. */
    private static final Path INSTRUMENT_VERSIONS = ROOT
            .resolve("platform/src/main/java/uk/nhs/impact/platform/instrument/InstrumentVersionsResource.java");
    private static final Path FHIR = ROOT.resolve("platform/src/main/java/uk/nhs/impact/platform/fhir/Fhir.java");
    private static final Pattern CLASS = Pattern.compile("(?m)^(public\\s+|final\\s+|abstract\\s+)*class\\s+\\w+");
    private static final Pattern SIGNATURE = Pattern.compile("\\n\\s*public\\s");
    private static final Pattern PARAM = Pattern.compile("\\{[^}]*}");
    private static final String SAMPLE = "ZQ9";

    /** The configured patterns, in order. */
    private static Map<Pattern, String> patterns() throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve("gateway/src/main/resources/application.properties"))) {
            props.load(in);
        }
        Map<Pattern, String> patterns = new LinkedHashMap<>();
        for (String entry : props.getProperty("quarkus.micrometer.binder.http-server.match-patterns").split(",")) {
            int eq = entry.indexOf('=');
            patterns.put(Pattern.compile(entry.substring(0, eq).trim()), entry.substring(eq + 1).trim());
        }
        return patterns;
    }

    private static String tag(Map<Pattern, String> patterns, String path) {
        for (Map.Entry<Pattern, String> p : patterns.entrySet()) {
            if (p.getKey().matcher(path).matches()) {
                return p.getValue();
            }
        }
        return path;
    }

    /** Every route template the services declare: class {@code @Path} joined with each resource method's own. */
    private static TreeSet<String> serviceTemplates() throws IOException {
        TreeSet<String> templates = new TreeSet<>();
        String inherited = Files.readString(INSTRUMENT_VERSIONS);
        for (String service : SERVICES) {
            List<Path> sources;
            try (Stream<Path> files = Files.walk(ROOT.resolve(service + "/src/main/java"))) {
                sources = new java.util.ArrayList<>(files.filter(f -> f.toString().endsWith(".java")).toList());
            }
            sources.add(FHIR); // the FHIR base path is the platform's
            for (Path source : sources) {
                String text = Files.readString(source);
                Matcher declaration = CLASS.matcher(text);
                int classAt = declaration.find() ? declaration.start() : -1;
                Matcher classPath = PATH.matcher(text);
                if (classAt < 0 || !classPath.find() || classPath.start() > classAt) {
                    continue; // not a root resource
                }
                String base = path(classPath, sources);
                methodTemplates(text, classAt, base, sources, templates);
                if (text.contains("extends InstrumentVersionsResource")) {
                    Matcher inheritedClass = CLASS.matcher(inherited);
                    inheritedClass.find();
                    methodTemplates(inherited, inheritedClass.start(), base, sources, templates);
                }
            }
        }
        return templates;
    }

    /**
     * Each resource method's template: its HTTP method annotation, then its signature; its own @Path lies between the
     * previous method's signature and its own.
     */
    private static void methodTemplates(String text, int classAt, String base, List<Path> sources, TreeSet<String> templates)
            throws IOException {
        TreeSet<Integer> signatures = new TreeSet<>();
        Matcher method = HTTP_METHOD.matcher(text);
        Matcher sig = SIGNATURE.matcher(text);
        while (method.find()) {
            if (method.start() > classAt && sig.find(method.end())) {
                signatures.add(sig.start());
            }
        }
        int from = classAt;
        for (int at : signatures) {
            Matcher own = PATH.matcher(text.substring(from, at));
            templates.add(join(base, own.find() ? path(own, sources) : ""));
            from = at + 1;
        }
    }

    /** The path a matched {@code @Path} names: a literal, or a {@code Class.CONSTANT} found in the service's sources. */
    private static String path(Matcher path, List<Path> sources) throws IOException {
        if (path.group(1) != null) {
            return path.group(1);
        }
        for (Path source : sources) {
            Matcher constant = CONSTANT.matcher(Files.readString(source));
            while (constant.find()) {
                if (constant.group(1).equals(path.group(2))) {
                    return constant.group(2);
                }
            }
        }
        throw new AssertionError("no constant " + path.group(2) + " for " + path.group());
    }

    private static String join(String a, String b) {
        String joined = ("/" + a + "/" + b).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static String generic(String template) {
        return PARAM.matcher(template).replaceAll("{}");
    }

    @Test
    void everyServiceRouteTemplateIsItsOwnTag() throws IOException {
        Map<Pattern, String> patterns = patterns();
        TreeSet<String> templates = serviceTemplates();
        assertThat(templates).contains("/api/v1/baseline-collections/{collectionId}/returns/{odsCode}");
        assertThat(templates).hasSizeGreaterThan(40);
        List<String> wrong = new ArrayList<>();
        for (String template : templates) {
            int[] n = {0};
            String filled = PARAM.matcher(template).replaceAll(r -> SAMPLE + "-R" + (n[0]++));
            String tag = tag(patterns, filled);
            if (!generic(tag).equals(generic(template))) {
                wrong.add(template + " (as " + filled + ") is tagged " + tag);
            }
        }
        assertThat(wrong).as("add these templates to the gateway's match-patterns").isEmpty();
    }

    @Test
    void anyOtherPathGetsAFixedTag() throws IOException {
        Map<Pattern, String> patterns = patterns();
        for (String path : List.of("/api/v1/assessments/ZQ9/nothing/RZQ9", "/api/v1/baseline-collections/ZQ9/returns/RZQ9/x/y",
                "/api/v1/reports/ZQ9", "/api/v1/reports/survey/ZQ9", "/api/v1/ZQ9/RZQ9", "/api/v1/ZQ9", "/ZQ9/RZQ9", "/api/ZQ9",
                "/api/v1/survey-runs/ZQ9/responses/RZQ9/submit/more", "/api/v1/assessment-instruments/ZQ9",
                "/api/v1/survey-instruments/ZQ9", "/api/v1/baseline-question-sets/ZQ9", "/api/v1/organisations/ZQ9/RZQ9",
                "/api/v1/organisations/change-sets/ZQ9/RZQ9")) {
            String tag = tag(patterns, path);
            assertThat(tag).as(path + " is tagged with its raw self").doesNotContain("ZQ9");
        }
        assertThat(tag(patterns, "/api/openapi.json")).isEqualTo("/api/openapi.json");
        // management and Swagger UI paths stay untouched, so Quarkus's non-application filter leaves them out of the metrics
        assertThat(tag(patterns, "/q/swagger-ui")).isEqualTo("/q/swagger-ui");
    }
}
