package uk.nhs.impact.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import uk.nhs.impact.stack.test.Tokens;

/**
 * A demo data set, filed through the gateway the way organisations would: a 2023 baseline collection with returns from
 * trusts, ICBs and regions; self-assessments from trusts in two cycles (the second a re-measurement), shared at various
 * levels; and an improvement survey run with respondents from many trusts. Deterministic (fixed seed), and safe to run
 * again: whatever already exists is left as it is.
 */
public final class DemoData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] METHODS = {"QSIR", "LEAN", "MFI_PDSA", "IMPROVING_TOGETHER", "VMI_LEAN_MS", "SIX_SIGMA"};
    private static final String[] Q1 = {"frontline_only", "committed_planning", "just_underway", "underway_maturing", "embedded_sustained"};
    private static final String[] SHARING = {"PRIVATE", "ICB", "REGION", "NATIONAL", "NATIONAL"};

    private final String gateway;
    private final Random random = new Random(2023);
    private int calls;

    private DemoData(String gateway) {
        this.gateway = gateway;
    }

    /** Loads the set through the gateway; organisations' users are created in the realm as needed. */
    public static void load(Path root, String gateway, String keycloak) throws IOException {
        System.setProperty("impact.test.keycloak-url", keycloak);
        long started = System.nanoTime();
        DemoData demo = new DemoData(gateway);
        List<String[]> trusts = openTrusts(root);
        demo.baseline(trusts, root);
        demo.assessments(trusts.subList(0, Math.min(80, trusts.size())));
        demo.survey(trusts.subList(0, Math.min(100, trusts.size())));
        System.out.printf("Demo data loaded: %d calls through the gateway in %.1f s.%n", demo.calls, (System.nanoTime() - started) / 1e9);
    }

    private void baseline(List<String[]> trusts, Path root) throws IOException {
        String admin = Tokens.forOrg("X24", "instrument-admin");
        call("POST", "/api/v1/baseline-collections", admin, null, "{\"id\":\"baseline-2023\",\"name\":\"Baseline for improvement 2023\","
                + "\"referenceDate\":\"2023-08-31\",\"opensAt\":\"2023-08-01T00:00:00Z\",\"closesAt\":\"" + Instant.now().plus(Duration.ofDays(365)) + "\"}");
        List<String> filers = new ArrayList<>();
        trusts.subList(0, Math.min(160, trusts.size())).forEach(t -> filers.add(t[0]));
        for (String line : Files.readAllLines(root.resolve("platform/src/main/resources/reference/icbs.csv")).subList(1, 31)) {
            filers.add(line.substring(0, line.indexOf(',')));
        }
        filers.addAll(List.of("Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63"));
        for (String ods : filers) {
            String token = Tokens.forOrg(ods, "submitter", "viewer");
            boolean tools = random.nextInt(100) < 80;
            String answers = "{\"leadership_exec_responsibility\":" + (random.nextInt(100) < 90) + ",\"tools_improvement_methods\":" + tools
                    + ",\"governance_reporting\":" + (random.nextInt(100) < 80) + ",\"capability_staff_training\":" + (random.nextInt(100) < 40)
                    + (tools && ods.startsWith("R") ? ",\"tools_methods_used\":[\"" + METHODS[random.nextInt(METHODS.length)] + "\"]" : "") + "}";
            String path = "/api/v1/baseline-collections/baseline-2023/returns/" + ods;
            HttpResponse<String> saved = call("PUT", path, token, null, "{\"answers\":" + answers + "}");
            if (saved.statusCode() == 201) {
                call("POST", path + "/submit", token, saved.headers().firstValue("ETag").orElse("*"), null);
            }
        }
        System.out.println("  baseline: " + filers.size() + " returns in collection baseline-2023");
    }

    private void assessments(List<String[]> trusts) throws IOException {
        for (String[] trust : trusts) {
            String token = Tokens.forOrg(trust[0], "submitter", "viewer");
            String sharing = SHARING[random.nextInt(SHARING.length)];
            int[] levels = new int[22];
            for (int q = 0; q < 22; q++) {
                levels[q] = 1 + random.nextInt(random.nextInt(100) < 70 ? 2 : 3);
            }
            file(token, "2023-24", "2023-08-31", levels, sharing);
            for (int q = 0; q < 22; q++) {
                levels[q] = Math.min(5, levels[q] + (random.nextInt(100) < 35 ? 1 : 0));
            }
            file(token, "2024-25", "2024-08-31", levels, sharing);
        }
        System.out.println("  self-assessment: " + trusts.size() + " trusts, cycles 2023-24 and 2024-25");
    }

    private void file(String token, String cycle, String referenceDate, int[] levels, String sharing) throws IOException {
        HttpResponse<String> created = call("POST", "/api/v1/assessments", token, null, "{\"cycle\":\"" + cycle + "\",\"referenceDate\":\""
                + referenceDate + "\",\"instrumentId\":\"nhs-impact-self-assessment\",\"instrumentVersion\":1}");
        if (created.statusCode() != 201) {
            return;
        }
        String id = JSON.readTree(created.body()).get("id").asText();
        StringBuilder answers = new StringBuilder("{\"answers\":{");
        String[] codes = {"STARTING", "DEVELOPING", "LEVEL_3", "LEVEL_4", "LEVEL_5"};
        for (int q = 0; q < 22; q++) {
            answers.append(q > 0 ? "," : "").append(String.format("\"Q%02d\":{\"levelCode\":\"%s\"}", q + 1, codes[levels[q] - 1]));
        }
        answers.append("}}");
        String etag = etag(call("PATCH", "/api/v1/assessments/" + id + "/answers", token, etag(created), answers.toString()));
        etag = etag(call("POST", "/api/v1/assessments/" + id + "/sign-off", token, etag, "{\"approverName\":\"Board chair\","
                + "\"approverRole\":\"Chair\",\"boardMeetingDate\":\"" + referenceDate + "\",\"minuteReference\":\"BM-" + cycle + "\"}"));
        etag = etag(call("POST", "/api/v1/assessments/" + id + "/submit", token, etag, null));
        call("PUT", "/api/v1/assessments/" + id + "/sharing", token, etag, "{\"level\":\"" + sharing + "\"}");
    }

    private void survey(List<String[]> trusts) throws IOException {
        String admin = Tokens.forOrg("X24", "instrument-admin");
        call("POST", "/api/v1/survey-runs", admin, null, "{\"id\":\"improvement-2023\",\"name\":\"Improvement survey 2023\","
                + "\"instrumentId\":\"nhsp-improvement-survey-2023\",\"instrumentVersion\":1,\"referenceDate\":\"2023-08-31\","
                + "\"opensAt\":\"2023-08-01T00:00:00Z\",\"closesAt\":\"" + Instant.now().plus(Duration.ofDays(365)) + "\",\"organisationTypes\":[\"trust\"]}");
        int respondents = 0;
        for (int i = 0; i < trusts.size(); i++) {
            String token = Tokens.forOrg(trusts.get(i)[0], "submitter");
            for (int r = 0; r < (i % 3 == 0 ? 2 : 1); r++) {
                String path = "/api/v1/survey-runs/improvement-2023/responses";
                HttpResponse<String> started = call("POST", path + "?respondentReference=demo-" + r, token, null,
                        "{\"respondentRole\":\"" + (r == 0 ? "chief_executive" : "director_of_improvement") + "\",\"respondentReference\":\"demo-" + r + "\"}");
                if (started.statusCode() != 201) {
                    continue;
                }
                String id = JSON.readTree(started.body()).get("id").asText();
                String answers = "{\"answers\":{\"Q1_trust_progress\":{\"option\":\"" + Q1[Math.min(4, random.nextInt(3) + random.nextInt(3))] + "\"},"
                        + "\"Q2_trust_alignment\":{\"option\":\"" + new String[]{"fully", "mostly", "partially"}[random.nextInt(3)] + "\"},"
                        + "\"Q3_trust_barriers\":{\"options\":[\"operational_pressures\",\"workforce_capacity\"]}}}";
                String etag = etag(call("PATCH", path + "/" + id + "?respondentReference=demo-" + r, token, etag(started), answers));
                call("POST", path + "/" + id + "/submit?respondentReference=demo-" + r, token, etag, null);
                respondents++;
            }
        }
        System.out.println("  survey: " + respondents + " respondents in run improvement-2023");
    }

    /** Trusts open on 2023-08-31, in ODS code order: {ods, region, icb}. */
    private static List<String[]> openTrusts(Path root) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(root.resolve("platform/src/main/resources/reference/trusts.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String open = f[8];
            String close = f[9];
            if (!open.isEmpty() && open.compareTo("20230831") <= 0 && (close.isEmpty() || close.compareTo("20230831") >= 0)) {
                out.add(new String[]{f[0], f[3], f[4]});
            }
        }
        out.sort(java.util.Comparator.comparing(t -> t[0]));
        return out;
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElse("*");
    }

    private HttpResponse<String> call(String method, String path, String bearer, String ifMatch, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        calls++;
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                Thread.sleep(1_000);
                return call(method, path, bearer, ifMatch, body);
            }
            if (response.statusCode() >= 500) {
                throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

}
