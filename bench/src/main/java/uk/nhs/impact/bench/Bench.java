package uk.nhs.impact.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import uk.nhs.impact.stack.PostgresServer;
import uk.nhs.impact.stack.test.Tokens;

/**
 * Measures the running local stack side by side with the machine's own limits, in one run: submission throughput against
 * PostgreSQL's single-row insert rate, freshness of the reporting views, report latency over 1,000,000 returns against a
 * plain GROUP BY, gateway overhead, footprint and replay speed. Writes bench/results/latest.json and latest.md.
 */
public final class Bench {
    static final String GATEWAY = "http://127.0.0.1:8080";
    static final String JDBC = "jdbc:postgresql://127.0.0.1:15432/";
    static final int CONCURRENCY = 8;
    static final int REPEATS = 3;
    /** The services the stack runs behind the gateway, by module name (their logs and processes carry it). */
    static final List<String> SERVICES = List.of("assessment-service", "survey-service", "baseline-service", "reporting-service",
            "organisation-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final ObjectNode results = JSON.createObjectNode();
    private final List<String[]> table = new ArrayList<>();
    private final List<String> orgs = new ArrayList<>();
    private final String admin;
    private final String national;

    private Bench(Path root) throws IOException {
        this.root = root;
        System.setProperty("impact.test.keycloak-url", "http://127.0.0.1:18180");
        this.admin = Tokens.forOrg("X24", "instrument-admin");
        this.national = Tokens.forOrg("X24", "national-analyst");
        List<String> lines = Files.readAllLines(root.resolve("platform/src/main/resources/reference/trusts.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (!f[8].isEmpty() && f[8].compareTo("20230831") <= 0 && (f[9].isEmpty() || f[9].compareTo("20230831") >= 0)) {
                orgs.add(f[0]);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize());
        bench.machine();
        bench.footprintStart();
        bench.throughput();
        bench.freshness();
        bench.gatewayOverhead();
        bench.reportLatency();
        bench.footprintMemory();
        bench.replay();
        bench.write();
    }

    // ---- machine ---------------------------------------------------------------------------------------------------------

    private void machine() throws IOException {
        ObjectNode m = results.putObject("machine");
        m.put("date", LocalDate.now().toString());
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpuModel", Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown"));
        m.put("memoryGiB", Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse(0L));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        // every figure, the PostgreSQL floor included, is measured with the commits the system runs with: durable ones
        Map<String, String> durability = PostgresServer.external(JDBC + "postgres", "postgres", "postgres").durability();
        m.set("postgres", JSON.valueToTree(durability));
        if (!durability.equals(PostgresServer.DURABLE)) {
            throw new IllegalStateException("PostgreSQL runs with " + durability + ", not " + PostgresServer.DURABLE
                    + ": the figures would not be those of durable commits");
        }
        System.out.println("Machine: " + m);
    }

    // ---- 1. submission throughput vs PostgreSQL -------------------------------------------------------------------------

    private void throughput() throws Exception {
        List<Double> returnsPerSecond = new ArrayList<>();
        List<Double> insertsPerSecond = new ArrayList<>();
        Histogram latency = Stats.histogram();
        System.out.println("  warming up: a token per organisation, then one unmeasured run");
        orgs.parallelStream().forEach(ods -> Tokens.forOrg(ods, "submitter", "viewer"));
        submitFor(Duration.ofSeconds(25), CONCURRENCY, "bench-warm-" + System.currentTimeMillis(), Stats.histogram());
        for (int run = 0; run < REPEATS; run++) {
            returnsPerSecond.add(submitFor(Duration.ofSeconds(15), CONCURRENCY, "bench-tp-" + run + "-" + System.currentTimeMillis(), latency));
            insertsPerSecond.add(pgInserts(Duration.ofSeconds(10), CONCURRENCY));
            System.out.printf(Locale.ROOT, "  throughput run %d: %.1f returns/s, PostgreSQL %.0f inserts/s%n", run + 1,
                    returnsPerSecond.get(run), insertsPerSecond.get(run));
        }
        Stats.Spread returns = Stats.Spread.of(returnsPerSecond);
        Stats.Spread inserts = Stats.Spread.of(insertsPerSecond);
        ObjectNode t = results.putObject("throughput");
        t.put("concurrency", CONCURRENCY);
        t.putPOJO("returnsPerSecond", returns);
        t.putPOJO("postgresInsertsPerSecond", inserts);
        t.put("ratio", returns.median() / inserts.median());
        t.put("submitP50ms", Stats.ms(latency, 50));
        t.put("submitP99ms", Stats.ms(latency, 99));
        row("Submission throughput (baseline return: save + submit, through the gateway, " + CONCURRENCY + " clients)",
                returns.format("returns/s"), "PostgreSQL single-row insert transactions (" + durability() + "): " + inserts.format("tx/s"),
                String.format(Locale.ROOT, "%.3f", returns.median() / inserts.median()));
    }

    /** Files baseline returns (save + submit) from {@code workers} clients for {@code duration}; returns per second. */
    private double submitFor(Duration duration, int workers, String prefix, Histogram latency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, Boolean> opened = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                while (!stop.get()) {
                    int n = next.getAndIncrement();
                    int collection = n / orgs.size();
                    String id = prefix + "-" + collection;
                    synchronized (opened) {
                        if (opened.putIfAbsent(collection, true) == null) {
                            openCollection(id);
                        }
                    }
                    long t0 = System.nanoTime();
                    fileReturn(id, orgs.get(n % orgs.size()));
                    synchronized (latency) {
                        latency.recordValue((System.nanoTime() - t0) / 1000);
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }

    private void openCollection(String id) {
        Http.expect(201, Http.send("POST", GATEWAY + "/api/v1/baseline-collections", admin, null, "{\"id\":\"" + id + "\",\"name\":\"" + id
                + "\",\"referenceDate\":\"2023-08-31\",\"opensAt\":\"2023-08-01T00:00:00Z\",\"closesAt\":\"" + Instant.now().plus(Duration.ofDays(30))
                + "\"}"));
    }

    private void fileReturn(String collection, String ods) {
        String token = Tokens.forOrg(ods, "submitter", "viewer");
        String path = GATEWAY + "/api/v1/baseline-collections/" + collection + "/returns/" + ods;
        HttpResponse<String> saved = Http.expect(201, Http.send("PUT", path, token, null,
                "{\"answers\":{\"leadership_exec_responsibility\":true,\"tools_improvement_methods\":true,\"governance_reporting\":false,"
                        + "\"capability_staff_training\":true}}"));
        Http.expect(200, Http.send("POST", path + "/submit", token, Http.etag(saved), null));
    }

    /** Single-row insert transactions per second on the same PostgreSQL server, from {@code workers} JDBC connections. */
    private double pgInserts(Duration duration, int workers) throws Exception {
        try (Connection c = db("baseline"); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_insert (id bigserial primary key, payload text not null, at timestamptz not null default now())");
        }
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                try (Connection c = db("baseline");
                        PreparedStatement ps = c.prepareStatement("insert into bench_insert(payload) values (?)")) {
                    c.setAutoCommit(true);
                    while (!stop.get()) {
                        ps.setString(1, "{\"leadership_exec_responsibility\":true}");
                        ps.executeUpdate();
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }

    // ---- 2. freshness --------------------------------------------------------------------------------------------------

    private void freshness() throws Exception {
        Histogram idle = freshnessSamples(40, null);
        ObjectNode f = results.putObject("freshnessIdle");
        f.put("samples", 40);
        f.put("p50ms", Stats.ms(idle, 50));
        f.put("p99ms", Stats.ms(idle, 99));
        row("Freshness, no other load: submit 2xx → visible in the provider's baseline view (40 samples)",
                String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms", Stats.ms(idle, 50), Stats.ms(idle, 99)), "", "");
        System.out.printf(Locale.ROOT, "  freshness idle: p50 %.0f ms, p99 %.0f ms%n", Stats.ms(idle, 50), Stats.ms(idle, 99));
        freshnessUnderLoad();
    }

    /** Submits {@code samples} returns one at a time and times each until the provider's view shows it. */
    private Histogram freshnessSamples(int samples, Duration limit) throws Exception {
        String collection = "bench-fresh-" + System.nanoTime();
        openCollection(collection);
        waitFor(() -> Http.send("GET", GATEWAY + "/api/v1/reports/baseline/" + collection + "/completeness", national, null, null).statusCode() == 200,
                Duration.ofSeconds(60));
        Histogram h = Stats.histogram();
        long until = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        for (String ods : orgs.subList(0, Math.min(samples, orgs.size()))) {
            if (System.nanoTime() > until) {
                break;
            }
            fileReturn(collection, ods);
            long submitted = System.nanoTime();
            String view = GATEWAY + "/api/v1/reports/baseline/" + collection + "/headline?area=" + ods;
            waitFor(() -> {
                HttpResponse<String> r = Http.send("GET", view, national, null, null);
                return r.statusCode() == 200 && r.body().contains("\"returns\":1");
            }, Duration.ofSeconds(60));
            h.recordValue((System.nanoTime() - submitted) / 1000);
        }
        return h;
    }

    private void freshnessUnderLoad() throws Exception {
        String collection = "bench-fresh-" + System.currentTimeMillis();
        openCollection(collection);
        waitFor(() -> Http.send("GET", GATEWAY + "/api/v1/reports/baseline/" + collection + "/completeness", national, null, null).statusCode() == 200,
                Duration.ofSeconds(60));
        Histogram h = Stats.histogram();
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<Double> load = background.submit(() -> submitFor(Duration.ofSeconds(40), CONCURRENCY / 2, "bench-load-" + System.currentTimeMillis(),
                Stats.histogram()));
        int samples = 0;
        long until = System.nanoTime() + Duration.ofSeconds(35).toNanos();
        for (String ods : orgs) {
            if (System.nanoTime() > until || samples == 150) {
                break;
            }
            fileReturn(collection, ods);
            long submitted = System.nanoTime();
            String view = GATEWAY + "/api/v1/reports/baseline/" + collection + "/headline?area=" + ods;
            waitFor(() -> {
                HttpResponse<String> r = Http.send("GET", view, national, null, null);
                return r.statusCode() == 200 && r.body().contains("\"returns\":1");
            }, Duration.ofSeconds(60));
            h.recordValue((System.nanoTime() - submitted) / 1000);
            samples++;
        }
        double loadRate = load.get();
        background.shutdown();
        ObjectNode f = results.putObject("freshnessUnderLoad");
        f.put("samples", samples);
        f.put("p50ms", Stats.ms(h, 50));
        f.put("p99ms", Stats.ms(h, 99));
        f.put("maxMs", h.getMaxValue() / 1000.0);
        f.put("backgroundReturnsPerSecond", loadRate);
        row("Freshness: submit 2xx → visible in the provider's baseline view (" + samples + " samples, under "
                + String.format(Locale.ROOT, "%.0f", loadRate) + " returns/s of background load)",
                String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms", Stats.ms(h, 50), Stats.ms(h, 99)), "", "");
        System.out.printf(Locale.ROOT, "  freshness: p50 %.0f ms, p99 %.0f ms over %d samples%n", Stats.ms(h, 50), Stats.ms(h, 99), samples);
    }

    // ---- 4. gateway overhead ---------------------------------------------------------------------------------------------

    private void gatewayOverhead() throws Exception {
        String token = Tokens.forOrg("RHA", "viewer");
        String path = "/api/v1/assessment-instruments/nhs-impact-self-assessment/versions/1";
        List<Double> viaGateway = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        Histogram hGateway = Stats.histogram();
        Histogram hDirect = Stats.histogram();
        for (int run = 0; run < REPEATS; run++) {
            direct.add(readFor("http://127.0.0.1:8081" + path, token, Duration.ofSeconds(8), hDirect));
            viaGateway.add(readFor(GATEWAY + path, token, Duration.ofSeconds(8), hGateway));
        }
        Stats.Spread g = Stats.Spread.of(viaGateway);
        Stats.Spread d = Stats.Spread.of(direct);
        ObjectNode o = results.putObject("gatewayOverhead");
        o.putPOJO("viaGatewayPerSecond", g);
        o.putPOJO("directPerSecond", d);
        o.put("throughputRatio", g.median() / d.median());
        o.put("p50GatewayMs", Stats.ms(hGateway, 50));
        o.put("p50DirectMs", Stats.ms(hDirect, 50));
        o.put("addedP50Ms", Stats.ms(hGateway, 50) - Stats.ms(hDirect, 50));
        row("Gateway overhead (GET an instrument version, " + CONCURRENCY + " clients)", g.format("req/s via gateway"),
                d.format("req/s direct") + String.format(Locale.ROOT, "; p50 %.2f → %.2f ms (+%.2f)", Stats.ms(hDirect, 50),
                        Stats.ms(hGateway, 50), Stats.ms(hGateway, 50) - Stats.ms(hDirect, 50)),
                String.format(Locale.ROOT, "%.3f", g.median() / d.median()));
        System.out.printf(Locale.ROOT, "  gateway: %.0f req/s vs %.0f direct%n", g.median(), d.median());
    }

    private double readFor(String url, String token, Duration duration, Histogram h) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        List<Future<?>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < CONCURRENCY; w++) {
            futures.add(pool.submit(() -> {
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    Http.expect(200, Http.send("GET", url, token, null, null));
                    synchronized (h) {
                        h.recordValue((System.nanoTime() - t0) / 1000);
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }

    // ---- 3. report latency at scale --------------------------------------------------------------------------------------

    private void reportLatency() throws Exception {
        long rows = ScaleData.generate(this::db, root);
        results.put("generatedReturns", rows);
        row("Generated read-model rows (baseline returns, self-assessments, survey responses; real hierarchy; many cycles)",
                String.format(Locale.ROOT, "%,d", rows), "", "");
        Map<String, String> bearers = Map.of("X24", national, "Y60", Tokens.forOrg("Y60", "region-analyst"),
                "QT1", Tokens.forOrg("QT1", "icb-oversight"), "RHA", Tokens.forOrg("RHA", "viewer"));
        ArrayNode views = results.putArray("reportLatency");
        String collection = ScaleData.collection(7);
        for (Map.Entry<String, String[]> v : ScaleData.views(collection).entrySet()) {
            String[] spec = v.getValue(); // area, url, sql, sql parameter
            Histogram service = Stats.histogram();
            Histogram sql = Stats.histogram();
            for (int i = 0; i < 60; i++) {
                long t0 = System.nanoTime();
                Http.expect(200, Http.send("GET", GATEWAY + spec[1], bearers.get(spec[0]), null, null));
                if (i >= 10) {
                    service.recordValue((System.nanoTime() - t0) / 1000);
                }
            }
            try (Connection c = db("reporting"); PreparedStatement ps = c.prepareStatement(spec[2])) {
                for (int i = 0; i < 60; i++) {
                    for (int p = 3; p < spec.length; p++) {
                        ps.setString(p - 2, spec[p]);
                    }
                    long t0 = System.nanoTime();
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                    if (i >= 10) {
                        sql.recordValue((System.nanoTime() - t0) / 1000);
                    }
                }
            }
            ObjectNode n = views.addObject();
            n.put("view", v.getKey());
            n.put("p50ms", Stats.ms(service, 50));
            n.put("p99ms", Stats.ms(service, 99));
            n.put("sqlP50ms", Stats.ms(sql, 50));
            n.put("sqlP99ms", Stats.ms(sql, 99));
            n.put("ratioP50", Stats.ms(service, 50) / Stats.ms(sql, 50));
            row("Report latency: " + v.getKey() + " (through the gateway)",
                    String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", Stats.ms(service, 50), Stats.ms(service, 99)),
                    String.format(Locale.ROOT, "plain SQL GROUP BY: p50 %.1f ms, p99 %.1f ms", Stats.ms(sql, 50), Stats.ms(sql, 99)),
                    String.format(Locale.ROOT, "%.2f", Stats.ms(service, 50) / Stats.ms(sql, 50)));
            System.out.printf(Locale.ROOT, "  %s: p50 %.1f ms (SQL %.1f ms)%n", v.getKey(), Stats.ms(service, 50), Stats.ms(sql, 50));
        }
    }

    // ---- 5. footprint ----------------------------------------------------------------------------------------------------

    private void footprintStart() throws IOException {
        ObjectNode starts = results.putObject("startSeconds");
        for (String service : java.util.stream.Stream.concat(SERVICES.stream(), java.util.stream.Stream.of("gateway")).toList()) {
            Path log = root.resolve(".stack-data/logs/" + service + ".log");
            if (Files.exists(log)) {
                Files.readAllLines(log).stream().filter(l -> l.contains(" started in ")).reduce((a, b) -> b).ifPresent(l -> {
                    String s = l.substring(l.indexOf(" started in ") + 12);
                    starts.put(service, Double.parseDouble(s.substring(0, s.indexOf('s'))));
                });
            }
        }
    }

    private void footprintMemory() throws IOException {
        ObjectNode rss = results.putObject("residentMiB");
        long total = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    String name = SERVICES.stream().filter(cmd::contains).findFirst().orElse(cmd.contains("gateway") && cmd.contains("quarkus-run")
                            ? "gateway"
                            : cmd.contains("keycloak") && cmd.contains("java")
                                    ? "keycloak"
                                    : cmd.contains("KafkaBroker") ? "kafka" : cmd.contains("postgres") && !cmd.contains("java") ? "postgresql" : null);
                    if (name == null) {
                        continue;
                    }
                    long kb = Files.readAllLines(p.resolve("status")).stream().filter(l -> l.startsWith("VmRSS"))
                            .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
                    rss.put(name, rss.path(name).asLong(0) + kb / 1024);
                    total += kb / 1024;
                } catch (IOException ignored) {
                    // the process ended while being read
                }
            }
        }
        rss.put("total", total);
        JsonNode starts = results.get("startSeconds");
        StringBuilder s = new StringBuilder();
        starts.fields().forEachRemaining(e -> s.append(e.getKey()).append(' ').append(e.getValue().asDouble()).append(" s; "));
        StringBuilder m = new StringBuilder();
        rss.fields().forEachRemaining(e -> m.append(e.getKey()).append(' ').append(e.getValue().asLong()).append(" MiB; "));
        row("Footprint: start time of each service (Quarkus, JVM mode)", s.toString(), "", "");
        row("Footprint: resident memory after the runs above", m.toString(), "", "");
    }

    // ---- 6. replay -------------------------------------------------------------------------------------------------------

    private void replay() throws Exception {
        String adminToken = admin;
        Http.expect(202, Http.send("POST", GATEWAY + "/api/v1/reports/admin/rebuild", adminToken, null, null));
        long started = System.nanoTime();
        JsonNode progress = null;
        while (System.nanoTime() - started < Duration.ofMinutes(10).toNanos()) {
            progress = JSON.readTree(Http.send("GET", GATEWAY + "/api/v1/reports/admin/rebuild", adminToken, null, null).body());
            if (!progress.path("state").asText().equals("RUNNING")) {
                break;
            }
            Thread.sleep(200);
        }
        long replayed = progress == null ? 0 : progress.path("replayed").asLong();
        double seconds = Duration.between(Instant.parse(progress.path("startedAt").asText()), Instant.parse(progress.path("finishedAt").asText()))
                .toMillis() / 1000.0;
        ObjectNode r = results.putObject("replay");
        r.put("events", replayed);
        r.put("seconds", seconds);
        r.put("eventsPerSecond", replayed / seconds);
        r.put("state", progress.path("state").asText());
        row("Replay: rebuild every read model from the topics", String.format(Locale.ROOT, "%,.0f events/s", replayed / seconds),
                String.format(Locale.ROOT, "%,d events in %.1f s", replayed, seconds), "");
        System.out.printf(Locale.ROOT, "  replay: %d events in %.1f s%n", replayed, seconds);
    }

    // ---- output ----------------------------------------------------------------------------------------------------------

    private void row(String what, String measured, String against, String ratio) {
        table.add(new String[]{what, measured, against, ratio});
    }

    private void write() throws IOException {
        Path dir = root.resolve("bench/results");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("latest.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        JsonNode m = results.get("machine");
        StringBuilder md = new StringBuilder("Run on " + m.get("date").asText() + ": " + m.get("cpus").asInt() + " CPUs ("
                + m.get("cpuModel").asText() + "), " + m.get("memoryGiB").asInt() + " GiB, " + m.get("java").asText() + "; PostgreSQL "
                + durability() + ".\n\n"
                + "| measure | result | measured against | ratio |\n|---|---|---|---|\n");
        for (String[] r : table) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        Files.writeString(dir.resolve("latest.md"), md.toString());
        System.out.println();
        System.out.println(md);
    }

    /** The PostgreSQL settings the run was measured with, e.g. {@code fsync=on, synchronous_commit=on}. */
    private String durability() {
        StringBuilder s = new StringBuilder();
        results.get("machine").get("postgres").fields().forEachRemaining(e -> s.append(s.isEmpty() ? "" : ", ").append(e.getKey()).append('=')
                .append(e.getValue().asText()));
        return s.toString();
    }

    Connection db(String database) {
        try {
            return DriverManager.getConnection(JDBC + database, "postgres", "postgres");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(Supplier<Boolean> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + timeout);
            }
            Thread.sleep(10);
        }
    }

}
