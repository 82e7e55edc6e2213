package uk.nhs.impact.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import uk.nhs.impact.stack.PostgresServer;
import uk.nhs.impact.stack.test.Tokens;

/**
 * Measures the running local stack in steady state, side by side with the machine's own floors, in one run: submission
 * throughput against the return's own SQL replayed over JDBC (and requests against single-row inserts), freshness of the
 * reporting views, gateway overhead, report latency over 1,000,000 returns against a plain GROUP BY, footprint (start
 * time of each service started alone, proportional memory) and replay speed. Every measured figure is printed beside its
 * goal and the previous run's figure. Writes bench/results/latest.json and latest.md (the run before kept as previous.*).
 */
public final class Bench {
    static final String GATEWAY = "http://127.0.0.1:8080";
    static final String JDBC = "jdbc:postgresql://127.0.0.1:15432/";
    static final int CONCURRENCY = 8;
    /** The services the stack runs behind the gateway, by module name (their logs and processes carry it). */
    static final List<String> SERVICES = List.of("assessment-service", "survey-service", "baseline-service", "reporting-service",
            "organisation-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** BENCH_QUICK=1 (or -Dbench.quick=true): short runs for a smoke test; the defaults are the measuring run's. */
    static final boolean QUICK = "1".equals(System.getenv("BENCH_QUICK")) || Boolean.getBoolean("bench.quick");
    /** Seconds of each timed throughput run, service and floors alike (-Dbench.seconds). */
    static final double SECONDS = setting("seconds", 15, 3);
    /** Seconds of each timed gateway / direct read run (-Dbench.readSeconds). */
    static final double READ_SECONDS = setting("readSeconds", 8, 2);
    /** Measured runs of each path after its warm-up (-Dbench.repeats). */
    static final int REPEATS = (int) setting("repeats", 3, 2);
    /** At most this many warm-up runs per path; the output says when a path never settled (-Dbench.warmupRuns). */
    static final int WARMUP_RUNS = (int) setting("warmupRuns", 10, 3);
    /** Starts of each service alone, the median reported (-Dbench.starts). */
    static final int STARTS = (int) setting("starts", 3, 1);
    static final int FRESH_IDLE = (int) setting("freshIdle", 40, 10);
    static final int FRESH_LOADED = (int) setting("freshLoaded", 150, 30);
    static final int REPORT_REQUESTS = (int) setting("reportRequests", 50, 20);

    private final Path root;
    private final ObjectNode results = JSON.createObjectNode();
    private final ArrayNode goals = JSON.createArrayNode();
    private final JsonNode previous;
    private final List<String[]> table = new ArrayList<>();
    private final List<String> orgs = new ArrayList<>();
    /** One HTTP client per load client, kept across runs so the connections warm up with the paths. */
    private final HttpClient[] http = new HttpClient[CONCURRENCY];
    private final List<Process> restarted = new ArrayList<>();
    private double lastReturnsPerSecond = 100;

    /** Tokens are asked for when used: a run outlasts a token's lifetime, and the cache renews one before it expires. */
    private static String admin() {
        return Tokens.forOrg("X24", "instrument-admin");
    }

    private static String national() {
        return Tokens.forOrg("X24", "national-analyst");
    }

    private Bench(Path root) throws IOException {
        this.root = root;
        System.setProperty("impact.test.keycloak-url", "http://127.0.0.1:18180");
        for (int i = 0; i < CONCURRENCY; i++) {
            http[i] = Http.client();
        }
        List<String> lines = Files.readAllLines(root.resolve("platform/src/main/resources/reference/trusts.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (!f[8].isEmpty() && f[8].compareTo("20230831") <= 0 && (f[9].isEmpty() || f[9].compareTo("20230831") >= 0)) {
                orgs.add(f[0]);
            }
        }
        Path dir = root.resolve("bench/results");
        Files.createDirectories(dir);
        Path latest = dir.resolve("latest.json");
        if (Files.exists(latest)) {
            previous = JSON.readTree(latest.toFile());
            Files.copy(latest, dir.resolve("previous.json"), StandardCopyOption.REPLACE_EXISTING);
            if (Files.exists(dir.resolve("latest.md"))) {
                Files.copy(dir.resolve("latest.md"), dir.resolve("previous.md"), StandardCopyOption.REPLACE_EXISTING);
            }
        } else {
            previous = MissingNode.getInstance();
        }
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize());
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopRestarted, "bench-stop-restarted"));
        try {
            bench.machine();
            bench.measure("stack", bench::stackStart);
            bench.measure("start", bench::startAlone);
            bench.measure("throughput", () -> {
                bench.captureReturnSql();
                bench.throughput();
            });
            bench.measure("freshness", bench::freshness);
            bench.measure("gateway", bench::gatewayOverhead);
            bench.measure("reports", bench::reportLatency);
            bench.measure("memory", bench::footprintMemory);
            bench.measure("replay", bench::replay);
            bench.write();
        } finally {
            bench.stopRestarted();
        }
    }

    /** One measure; with {@code -Dbench.only=a,b} only those named run (stack, start, throughput, freshness, gateway, reports, memory, replay). */
    private void measure(String name, Step step) throws Exception {
        String only = System.getProperty("bench.only", "");
        if (only.isBlank() || List.of(only.split(",")).contains(name)) {
            step.run();
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static double setting(String name, double normal, double quick) {
        String v = System.getProperty("bench." + name);
        return v != null ? Double.parseDouble(v) : QUICK ? quick : normal;
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
        m.put("loadAverage", Files.readString(Path.of("/proc/loadavg")).trim());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("quick", QUICK);
        m.put("runSeconds", SECONDS);
        m.put("repeats", REPEATS);
        m.put("maxWarmupRuns", WARMUP_RUNS);
        // every figure, the PostgreSQL floors included, is measured with the commits the system runs with: durable ones
        Map<String, String> durability = PostgresServer.external(JDBC + "postgres", "postgres", "postgres").durability();
        m.set("postgres", JSON.valueToTree(durability));
        if (!durability.equals(PostgresServer.DURABLE)) {
            throw new IllegalStateException("PostgreSQL runs with " + durability + ", not " + PostgresServer.DURABLE
                    + ": the figures would not be those of durable commits");
        }
        System.out.println("Machine: " + m);
    }

    // ---- 0. start times --------------------------------------------------------------------------------------------------

    /** The whole stack, launch to healthy: the launcher writes the seconds into .stack-data/ready once the gateway is ready. */
    private void stackStart() throws IOException {
        Path ready = root.resolve(".stack-data/ready");
        double seconds = Double.parseDouble(Files.readString(ready).trim());
        results.put("stackHealthySeconds", seconds);
        row("Whole stack: launch to healthy (PostgreSQL, Kafka, Keycloak, five services, gateway)", String.format(Locale.ROOT, "%.1f s", seconds),
                "", "");
        goal("Whole stack healthy", "/stackHealthySeconds", 40, false, "s");
        System.out.printf(Locale.ROOT, "  whole stack healthy in %.1f s%n", seconds);
    }

    /**
     * Each service started alone on the healthy stack: stopped, then started again with the command line, environment and
     * working directory it runs with, timed from the start of the process to its readiness endpoint answering UP on its
     * management port; {@link #STARTS} times, the median reported.
     *
     * <p>
     * With {@code -Dbench.against=<another packaged checkout>} the same starts are made, in turn, from that checkout's jars
     * too (its paths in place of this one's; same environment, databases and broker), this tree first in even rounds and the
     * other first in odd ones, so that both see the same machine: the way to compare two commits' start times when the
     * machine's own speed moves between runs.
     */
    private void startAlone() throws Exception {
        String againstSetting = System.getProperty("bench.against");
        Path against = againstSetting == null ? null : Path.of(againstSetting).toAbsolutePath().normalize();
        ObjectNode starts = results.putObject("startAloneSeconds");
        ObjectNode otherStarts = against == null ? null : results.putObject("startAloneAgainstSeconds");
        if (against != null) {
            results.put("startAloneAgainst", against.toString());
        }
        StringBuilder line = new StringBuilder();
        StringBuilder otherLine = new StringBuilder();
        for (String service : Stream.concat(SERVICES.stream(), Stream.of("gateway")).toList()) {
            Path pidFile = root.resolve(".stack-data/logs/" + service + ".pid");
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Path proc = Path.of("/proc/" + pid);
            List<String> command = List.of(Files.readString(proc.resolve("cmdline")).split("\0"));
            Map<String, String> env = new java.util.LinkedHashMap<>();
            for (String kv : Files.readString(proc.resolve("environ")).split("\0")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    env.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            Path cwd = proc.resolve("cwd").toRealPath();
            String ready = "http://127.0.0.1:" + env.get("MANAGEMENT_PORT") + "/q/health/ready";
            Launch here = new Launch(service, command, env, cwd);
            Launch there = against == null ? null : here.in(root, against);
            List<Double> times = new ArrayList<>();
            List<Double> otherTimes = new ArrayList<>();
            for (int i = 0; i < STARTS; i++) {
                if (there != null && i % 2 == 1) {
                    pid = startOnce(pid, there, ready, otherTimes);
                }
                pid = startOnce(pid, here, ready, times);
                if (there != null && i % 2 == 0) {
                    pid = startOnce(pid, there, ready, otherTimes);
                }
            }
            if (there != null) {
                // leave this tree's service running, as the stack started it
                pid = startOnce(pid, here, ready, new ArrayList<>());
            }
            double median = Stats.Spread.of(times).median();
            starts.put(service, median);
            line.append(line.isEmpty() ? "" : "; ").append(service).append(String.format(Locale.ROOT, " %.2f s", median));
            goal("Start alone: " + service, "/startAloneSeconds/" + service, 2, false, "s");
            System.out.printf(Locale.ROOT, "  %s started alone: %s s (median %.2f s)%n", service, times, median);
            if (there != null) {
                double otherMedian = Stats.Spread.of(otherTimes).median();
                otherStarts.put(service, otherMedian);
                otherLine.append(otherLine.isEmpty() ? "" : "; ").append(service)
                        .append(String.format(Locale.ROOT, " %.2f s (this tree %+.0f %%)", otherMedian, 100 * (median / otherMedian - 1)));
                System.out.printf(Locale.ROOT, "  %s started alone from %s: %s s (median %.2f s); this tree %+.1f %%%n", service, against,
                        otherTimes, otherMedian, 100 * (median / otherMedian - 1));
            }
        }
        // the gateway's readiness covers the services behind it: wait until the stack is whole again
        waitFor(() -> Http.send("GET", "http://127.0.0.1:9080/q/health/ready", null, null, null).statusCode() == 200, Duration.ofMinutes(2));
        row("Start time of each service started alone on the healthy stack (exec → readiness UP on its management port; median of "
                + STARTS + ")", line.toString(), "", "");
        if (against != null) {
            row("The same, started in turn from " + against + " (same stack, rounds alternating which goes first)", otherLine.toString(), "", "");
        }
    }

    /** How a service is started: its command line, environment and working directory. */
    private record Launch(String service, List<String> command, Map<String, String> env, Path cwd) {
        /** The same launch from another checkout: every path under {@code from} moved under {@code to}. */
        Launch in(Path from, Path to) {
            java.util.function.UnaryOperator<String> move = s -> s.replace(from.toString(), to.toString());
            Path otherCwd = Path.of(move.apply(cwd.toString()));
            List<String> otherCommand = command.stream().map(move).toList();
            String jar = otherCommand.get(otherCommand.indexOf("-jar") + 1);
            if (!Files.exists(Path.of(jar))) {
                throw new IllegalStateException(jar + " does not exist: package " + to + " first (./mvnw package -DskipTests)");
            }
            return new Launch(service, otherCommand, env, otherCwd);
        }
    }

    /** Stops the process {@code pid}, starts {@code launch}, adds the seconds to readiness to {@code times}; the new pid. */
    private long startOnce(long pid, Launch launch, String ready, List<Double> times) throws Exception {
        Path pidFile = root.resolve(".stack-data/logs/" + launch.service() + ".pid");
        ProcessHandle running = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(launch.service() + " is not running"));
        running.destroy();
        if (!running.onExit().toCompletableFuture().completeOnTimeout(null, 30, java.util.concurrent.TimeUnit.SECONDS).thenApply(
                h -> h != null).get()) {
            running.destroyForcibly();
            running.onExit().get();
        }
        ProcessBuilder pb = new ProcessBuilder(launch.command()).directory(launch.cwd().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(".stack-data/logs/" + launch.service() + ".log").toFile()));
        pb.environment().clear();
        pb.environment().putAll(launch.env());
        long t0 = System.nanoTime();
        Process p = pb.start();
        synchronized (restarted) {
            restarted.add(p);
        }
        Files.writeString(pidFile, Long.toString(p.pid()));
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException(launch.service() + " exited when started alone; see .stack-data/logs/" + launch.service() + ".log");
            }
            if (System.nanoTime() - t0 > Duration.ofMinutes(3).toNanos()) {
                throw new IllegalStateException(launch.service() + " was not ready within 3 minutes when started alone");
            }
            try {
                HttpResponse<String> r = Http.send("GET", ready, null, null, null);
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    break;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        times.add((System.nanoTime() - t0) / 1e9);
        return p.pid();
    }

    private void stopRestarted() {
        List<Process> running;
        synchronized (restarted) {
            running = new ArrayList<>(restarted);
            restarted.clear();
        }
        for (Process p : running) {
            p.destroy();
        }
        for (Process p : running) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- 1. the return's own SQL, confirmed from the server's statement log -------------------------------------------

    /**
     * Files a few returns with statement logging on (every statement, with the database in the line prefix), then turns it
     * off again, and keeps what the baseline database ran in bench/results/return-sql.log: the list {@link ReturnSql}
     * replays is checked against it.
     */
    private void captureReturnSql() throws Exception {
        int returns = 3;
        String collection = "bench-sql-" + System.currentTimeMillis();
        openCollection(collection);
        String start = "bench-capture-start-" + System.nanoTime();
        String end = "bench-capture-end-" + System.nanoTime();
        try (Connection c = db("postgres"); Statement s = c.createStatement()) {
            s.execute("alter system set log_statement = 'all'");
            s.execute("alter system set log_line_prefix = '%m [%p] db=%d '");
            s.execute("select pg_reload_conf()");
        }
        try {
            Thread.sleep(500);
            try (Connection c = db("baseline"); Statement s = c.createStatement()) {
                s.execute("select '" + start + "'");
                for (String ods : orgs.subList(0, returns)) {
                    fileReturn(Http.client(), collection, ods, Tokens.forOrg(ods, "submitter", "viewer"));
                }
                s.execute("select '" + end + "'");
            }
        } finally {
            try (Connection c = db("postgres"); Statement s = c.createStatement()) {
                s.execute("alter system reset log_statement");
                s.execute("alter system reset log_line_prefix");
                s.execute("select pg_reload_conf()");
            }
        }
        Thread.sleep(1000);
        List<String> captured = new ArrayList<>();
        for (Path log : statementLogs()) {
            List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            int from = indexOf(lines, start);
            int to = indexOf(lines, end);
            if (from >= 0 && to > from) {
                boolean keep = false;
                for (String l : lines.subList(from, to + 1)) {
                    // a statement over several lines continues without the prefix: it belongs to the line before
                    keep = l.contains("db=") ? l.contains("db=baseline ") : keep;
                    if (keep) {
                        captured.add(l);
                    }
                }
            }
        }
        ObjectNode sql = results.putObject("returnSql");
        sql.put("returnsCaptured", returns);
        sql.put("floorStatementsPerReturn", ReturnSql.STATEMENTS);
        if (captured.isEmpty()) {
            sql.putNull("capturedStatementsPerReturn");
            System.out.println("  return SQL: the statement log was not found under .stack-data; the floor's list is unconfirmed");
            return;
        }
        Files.write(root.resolve("bench/results/return-sql.log"), captured);
        ReturnSql.Logged logged = ReturnSql.countLogged(captured);
        long statements = logged.statements();
        long commits = logged.transactions();
        sql.put("capturedStatementsPerReturn", statements / (double) returns);
        sql.put("capturedTransactionsPerReturn", commits / (double) returns);
        sql.put("relayStatementsLeftOut", logged.relayStatements());
        sql.put("matchesFloor", statements == (long) ReturnSql.STATEMENTS * returns && commits == 2L * returns);
        System.out.printf(Locale.ROOT, "  return SQL: %.1f statements in %.1f transactions per return in the server's log (the floor replays %d in 2)%s;"
                + " kept in bench/results/return-sql.log%n", statements / (double) returns, commits / (double) returns, ReturnSql.STATEMENTS,
                sql.get("matchesFloor").asBoolean() ? "" : ": THE FLOOR DOES NOT MATCH");
    }

    private List<Path> statementLogs() throws IOException {
        List<Path> logs = new ArrayList<>();
        Path data = root.resolve(".stack-data");
        for (Path dir : List.of(data, data.resolve("logs"), data.resolve("postgres/log"), data.resolve("postgres/pg_log"))) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".pid")).forEach(logs::add);
                }
            }
        }
        return logs;
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        return -1;
    }

    // ---- 2. submission throughput vs the return's own SQL ----------------------------------------------------------------

    private void throughput() throws Exception {
        System.out.println("  a token per organisation");
        orgs.parallelStream().forEach(ods -> Tokens.forOrg(ods, "submitter", "viewer"));
        ReturnSql.create(this::db);
        List<Double> service = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        List<Double> inserts = new ArrayList<>();
        Histogram latency = Stats.histogram();
        Histogram floorLatency = Stats.histogram();
        ObjectNode t = results.putObject("throughput");
        try {
            // every path warms up on its own until two consecutive runs agree, then the measured runs alternate
            Stats.Warmup ws = Stats.warm("returns through the gateway", WARMUP_RUNS, () -> submitRun(CONCURRENCY, SECONDS, "bench-warm").perSecond());
            Stats.Warmup wf = Stats.warm("the return's own SQL", WARMUP_RUNS, () -> floorRun().perSecond());
            Stats.Warmup wi = Stats.warm("single-row inserts", WARMUP_RUNS, () -> pgInserts().perSecond());
            ObjectNode ns = warmup(t, "service", ws);
            ObjectNode nf = warmup(t, "returnSql", wf);
            ObjectNode ni = warmup(t, "singleRowInserts", wi);
            for (int run = 0; run < REPEATS; run++) {
                Stats.Run s = submitRun(CONCURRENCY, SECONDS, "bench-tp-" + run);
                Stats.Run f = floorRun();
                Stats.Run i = pgInserts();
                service.add(s.perSecond());
                floor.add(f.perSecond());
                inserts.add(i.perSecond());
                latency.add(s.latency());
                floorLatency.add(f.latency());
                System.out.printf(Locale.ROOT, "  throughput run %d: %.1f returns/s, their SQL %.1f returns/s, %.0f single-row inserts/s%n", run + 1,
                        s.perSecond(), f.perSecond(), i.perSecond());
            }
            held(ns, ws, service);
            held(nf, wf, floor);
            held(ni, wi, inserts);
        } finally {
            ReturnSql.drop(this::db);
        }
        Stats.Spread returns = Stats.Spread.of(service);
        Stats.Spread sql = Stats.Spread.of(floor);
        Stats.Spread single = Stats.Spread.of(inserts);
        double requests = returns.median() * 2;
        t.put("concurrency", CONCURRENCY);
        t.putPOJO("returnsPerSecond", returns);
        t.putPOJO("returnSqlPerSecond", sql);
        t.putPOJO("postgresInsertsPerSecond", single);
        t.put("ratioToReturnSql", returns.median() / sql.median());
        t.put("requestsPerSecond", requests);
        t.put("requestRatioToInserts", requests / single.median());
        t.put("submitP50ms", Stats.ms(latency, 50));
        t.put("submitP99ms", Stats.ms(latency, 99));
        t.put("returnSqlP50ms", Stats.ms(floorLatency, 50));
        t.put("returnSqlP99ms", Stats.ms(floorLatency, 99));
        row("Submission throughput (baseline return: save + submit, through the gateway, " + CONCURRENCY + " clients)",
                returns.format("returns/s") + String.format(Locale.ROOT, "; p50 %.1f ms, p99 %.1f ms per return", Stats.ms(latency, 50),
                        Stats.ms(latency, 99)),
                "the return's own SQL (" + ReturnSql.STATEMENTS + " statements, 2 transactions, prepared JDBC, " + CONCURRENCY
                        + " connections, " + durability() + "): " + sql.format("returns/s")
                        + String.format(Locale.ROOT, "; p50 %.1f ms", Stats.ms(floorLatency, 50)),
                String.format(Locale.ROOT, "%.3f", returns.median() / sql.median()));
        row("Submission requests (2 per return)", String.format(Locale.ROOT, "%.1f requests/s", requests),
                "PostgreSQL single-row insert transactions: " + single.format("tx/s"), String.format(Locale.ROOT, "%.4f", requests / single.median()));
        goal("Writes against their own SQL floor", "/throughput/ratioToReturnSql", 0.5, true, "");
    }

    private static ObjectNode warmup(ObjectNode parent, String name, Stats.Warmup w) {
        ObjectNode all = parent.has("warmup") ? (ObjectNode) parent.get("warmup") : parent.putObject("warmup");
        ObjectNode n = all.putObject(name);
        n.put("settled", w.settled());
        n.set("rates", JSON.valueToTree(w.rates()));
        return n;
    }

    /** Records whether the measured runs stayed where the warm-up settled (see {@link Stats#held}). */
    private static void held(ObjectNode warmup, Stats.Warmup w, List<Double> measured) {
        boolean held = Stats.held(w, measured);
        warmup.put("heldWhenMeasured", held);
        if (!held) {
            System.out.println("  NOT steady while measured: warm-up ended at " + String.format(Locale.ROOT, "%.1f", w.rates().get(w.rates().size() - 1))
                    + ", measured " + measured);
        }
    }

    /** Files baseline returns (save + submit) from {@code clients} load clients for {@code seconds}. */
    private Stats.Run submitRun(int clients, double seconds, String prefix) throws Exception {
        // collections enough for the run, opened before the clock starts; each client files its own organisations in them in turn
        String stem = prefix + "-" + System.currentTimeMillis();
        int needed = (int) Math.ceil(lastReturnsPerSecond * seconds * 2 / orgs.size()) + 1;
        List<String> collections = new ArrayList<>();
        for (int k = 0; k < needed; k++) {
            collections.add(stem + "-" + k);
            openCollection(stem + "-" + k);
        }
        Stats.Run run = Stats.load(clients, seconds, id -> {
            List<String> mine = new ArrayList<>();
            for (int i = id; i < orgs.size(); i += clients) {
                mine.add(orgs.get(i));
            }
            String[] tokens = mine.stream().map(ods -> Tokens.forOrg(ods, "submitter", "viewer")).toArray(String[]::new);
            HttpClient client = http[id];
            int[] at = {0, 0}; // collection, organisation
            return () -> () -> {
                if (at[1] == mine.size()) {
                    at[1] = 0;
                    at[0]++;
                }
                String collection = at[0] < collections.size() ? collections.get(at[0]) : stem + "-x" + id + "-" + at[0];
                if (at[0] >= collections.size() && at[1] == 0) {
                    openCollection(collection);
                }
                fileReturn(client, collection, mine.get(at[1]), tokens[at[1]]);
                at[1]++;
            };
        });
        if (clients == CONCURRENCY) {
            lastReturnsPerSecond = Math.max(run.perSecond(), 1);
        }
        return run;
    }

    private void openCollection(String id) {
        Http.expect(201, Http.send("POST", GATEWAY + "/api/v1/baseline-collections", admin(), null, "{\"id\":\"" + id + "\",\"name\":\"" + id
                + "\",\"referenceDate\":\"2023-08-31\",\"opensAt\":\"2023-08-01T00:00:00Z\",\"closesAt\":\"" + Instant.now().plus(Duration.ofDays(30))
                + "\"}"));
    }

    private static void fileReturn(HttpClient client, String collection, String ods, String token) {
        String path = GATEWAY + "/api/v1/baseline-collections/" + collection + "/returns/" + ods;
        HttpResponse<String> saved = Http.expect(201, Http.send(client, "PUT", path, token, null,
                "{\"answers\":{\"leadership_exec_responsibility\":true,\"tools_improvement_methods\":true,\"governance_reporting\":false,"
                        + "\"capability_staff_training\":true}}"));
        Http.expect(200, Http.send(client, "POST", path + "/submit", token, Http.etag(saved), null));
    }

    /** The return's own SQL from as many JDBC connections as there are load clients. */
    private Stats.Run floorRun() throws Exception {
        return Stats.load(CONCURRENCY, SECONDS, id -> {
            try {
                return new ReturnSql.Client(db("baseline"), id);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Single-row insert transactions on the same PostgreSQL server, from as many JDBC connections as there are load clients. */
    private Stats.Run pgInserts() throws Exception {
        try (Connection c = db("baseline"); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_insert (id bigserial primary key, payload text not null, at timestamptz not null default now())");
        }
        return Stats.load(CONCURRENCY, SECONDS, id -> {
            Connection c = db("baseline");
            try {
                PreparedStatement ps = c.prepareStatement("insert into bench_insert(payload) values (?)");
                ps.setString(1, "{\"leadership_exec_responsibility\":true}");
                return new Stats.Client() {
                    @Override
                    public Stats.Operation operation() {
                        return ps::executeUpdate;
                    }

                    @Override
                    public void close() throws SQLException {
                        c.close();
                    }
                };
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    // ---- 3. freshness --------------------------------------------------------------------------------------------------

    private void freshness() throws Exception {
        Histogram idle = freshnessSamples(FRESH_IDLE, null);
        ObjectNode f = results.putObject("freshnessIdle");
        f.put("samples", idle.getTotalCount());
        f.put("p50ms", Stats.ms(idle, 50));
        f.put("p99ms", Stats.ms(idle, 99));
        row("Freshness, no other load: submit 2xx → visible in the provider's baseline view (" + idle.getTotalCount() + " samples)",
                String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms", Stats.ms(idle, 50), Stats.ms(idle, 99)), "", "");
        System.out.printf(Locale.ROOT, "  freshness idle: p50 %.0f ms, p99 %.0f ms%n", Stats.ms(idle, 50), Stats.ms(idle, 99));
        freshnessUnderLoad();
    }

    /** Submits up to {@code samples} returns one at a time and times each until the provider's view shows it. */
    private Histogram freshnessSamples(int samples, Duration limit) throws Exception {
        String collection = "bench-fresh-" + System.nanoTime();
        openCollection(collection);
        waitFor(() -> Http.send("GET", GATEWAY + "/api/v1/reports/baseline/" + collection + "/completeness", national(), null, null).statusCode() == 200,
                Duration.ofSeconds(60));
        HttpClient probe = Http.client();
        Histogram h = Stats.histogram();
        long until = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        for (String ods : orgs.subList(0, Math.min(samples, orgs.size()))) {
            if (System.nanoTime() > until) {
                break;
            }
            fileReturn(probe, collection, ods, Tokens.forOrg(ods, "submitter", "viewer"));
            long submitted = System.nanoTime();
            String view = GATEWAY + "/api/v1/reports/baseline/" + collection + "/headline?area=" + ods;
            waitFor(() -> {
                HttpResponse<String> r = Http.send(probe, "GET", view, national(), null, null);
                return r.statusCode() == 200 && r.body().contains("\"returns\":1");
            }, Duration.ofSeconds(60));
            h.recordValue((System.nanoTime() - submitted) / 1000);
        }
        return h;
    }

    private void freshnessUnderLoad() throws Exception {
        double loadSeconds = QUICK ? 15 : 40;
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<Stats.Run> load = background.submit(() -> submitRun(CONCURRENCY / 2, loadSeconds, "bench-load"));
        Thread.sleep(2000); // the load's collections are opened and its clients running before the first sample
        Histogram h = freshnessSamples(FRESH_LOADED, Duration.ofSeconds((long) loadSeconds - 5));
        double loadRate = load.get().perSecond();
        background.shutdown();
        ObjectNode f = results.putObject("freshnessUnderLoad");
        f.put("samples", h.getTotalCount());
        f.put("p50ms", Stats.ms(h, 50));
        f.put("p99ms", Stats.ms(h, 99));
        f.put("maxMs", h.getMaxValue() / 1000.0);
        f.put("backgroundReturnsPerSecond", loadRate);
        row("Freshness: submit 2xx → visible in the provider's baseline view (" + h.getTotalCount() + " samples, under "
                + String.format(Locale.ROOT, "%.0f", loadRate) + " returns/s of background load from " + CONCURRENCY / 2 + " clients)",
                String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms", Stats.ms(h, 50), Stats.ms(h, 99)), "", "");
        goal("Freshness p99 under load", "/freshnessUnderLoad/p99ms", 150, false, "ms");
        System.out.printf(Locale.ROOT, "  freshness: p50 %.0f ms, p99 %.0f ms over %d samples%n", Stats.ms(h, 50), Stats.ms(h, 99),
                h.getTotalCount());
    }

    // ---- 4. gateway overhead ---------------------------------------------------------------------------------------------

    private void gatewayOverhead() throws Exception {
        String path = "/api/v1/assessment-instruments/nhs-impact-self-assessment/versions/1";
        String viaGateway = GATEWAY + path;
        String direct = "http://127.0.0.1:8081" + path;
        ObjectNode o = results.putObject("gatewayOverhead");
        warmup(o, "direct", Stats.warm("direct reads", WARMUP_RUNS, () -> readRun(direct).perSecond()));
        warmup(o, "gateway", Stats.warm("reads through the gateway", WARMUP_RUNS, () -> readRun(viaGateway).perSecond()));
        List<Double> g = new ArrayList<>();
        List<Double> d = new ArrayList<>();
        Histogram hGateway = Stats.histogram();
        Histogram hDirect = Stats.histogram();
        for (int run = 0; run < REPEATS; run++) {
            Stats.Run rd = readRun(direct);
            Stats.Run rg = readRun(viaGateway);
            d.add(rd.perSecond());
            g.add(rg.perSecond());
            hDirect.add(rd.latency());
            hGateway.add(rg.latency());
        }
        Stats.Spread sg = Stats.Spread.of(g);
        Stats.Spread sd = Stats.Spread.of(d);
        double added = Stats.ms(hGateway, 50) - Stats.ms(hDirect, 50);
        o.putPOJO("viaGatewayPerSecond", sg);
        o.putPOJO("directPerSecond", sd);
        o.put("throughputRatio", sg.median() / sd.median());
        o.put("p50GatewayMs", Stats.ms(hGateway, 50));
        o.put("p50DirectMs", Stats.ms(hDirect, 50));
        o.put("addedP50Ms", added);
        row("Gateway overhead (GET an instrument version, " + CONCURRENCY + " clients)", sg.format("req/s via gateway"),
                sd.format("req/s direct") + String.format(Locale.ROOT, "; p50 %.2f → %.2f ms (+%.2f)", Stats.ms(hDirect, 50),
                        Stats.ms(hGateway, 50), added),
                String.format(Locale.ROOT, "%.3f", sg.median() / sd.median()));
        goal("Gateway throughput against direct (small read)", "/gatewayOverhead/throughputRatio", 0.85, true, "");
        goal("Gateway p50 overhead", "/gatewayOverhead/addedP50Ms", 1, false, "ms");
        System.out.printf(Locale.ROOT, "  gateway: %.0f req/s vs %.0f direct%n", sg.median(), sd.median());
    }

    /** One run of small reads; the token is taken when the run starts (a whole measure outlasts a token). */
    private Stats.Run readRun(String url) throws Exception {
        String token = Tokens.forOrg("RHA", "viewer");
        return Stats.load(CONCURRENCY, READ_SECONDS, id -> {
            HttpClient client = http[id];
            return () -> () -> Http.expect(200, Http.send(client, "GET", url, token, null, null));
        });
    }

    // ---- 5. report latency at scale --------------------------------------------------------------------------------------

    private void reportLatency() throws Exception {
        long rows = ScaleData.generate(this::db, root);
        results.put("generatedReturns", rows);
        row("Generated read-model rows (baseline returns, self-assessments, survey responses; real hierarchy; many cycles)",
                String.format(Locale.ROOT, "%,d", rows), "", "");
        // a token outlives no whole run: each request asks for the area's current one (kept until 30 s before it expires)
        Map<String, String> roles = Map.of("X24", "national-analyst", "Y60", "region-analyst", "QT1", "icb-oversight", "RHA", "viewer");
        ArrayNode views = results.putArray("reportLatency");
        String collection = ScaleData.collection(7);
        HttpClient client = Http.client();
        int index = 0;
        for (Map.Entry<String, String[]> v : ScaleData.views(collection).entrySet()) {
            String[] spec = v.getValue(); // area, url, sql, sql parameter
            Stats.Operation viaGateway = () -> Http.expect(200,
                    Http.send(client, "GET", GATEWAY + spec[1], Tokens.forOrg(spec[0], roles.get(spec[0])), null, null));
            try (Connection c = db("reporting"); PreparedStatement ps = c.prepareStatement(spec[2])) {
                Stats.Operation sqlOnly = () -> {
                    for (int p = 3; p < spec.length; p++) {
                        ps.setString(p - 2, spec[p]);
                    }
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                };
                // both paths warm up until two consecutive batches of 10 requests agree on their rate
                Stats.Warmup wg = Stats.warm(v.getKey() + " through the gateway", 10, () -> serialRate(viaGateway, 10));
                Stats.Warmup wq = Stats.warm(v.getKey() + " as plain SQL", 10, () -> serialRate(sqlOnly, 10));
                Histogram service = Stats.histogram();
                Histogram sql = Stats.histogram();
                for (int i = 0; i < REPORT_REQUESTS; i++) {
                    time(viaGateway, service);
                    time(sqlOnly, sql);
                }
                ObjectNode n = views.addObject();
                n.put("view", v.getKey());
                n.put("p50ms", Stats.ms(service, 50));
                n.put("p99ms", Stats.ms(service, 99));
                n.put("sqlP50ms", Stats.ms(sql, 50));
                n.put("sqlP99ms", Stats.ms(sql, 99));
                n.put("ratioP50", Stats.ms(service, 50) / Stats.ms(sql, 50));
                n.put("requests", REPORT_REQUESTS);
                warmup(n, "gateway", wg);
                warmup(n, "sql", wq);
                row("Report latency: " + v.getKey() + " (through the gateway, " + REPORT_REQUESTS + " requests after warm-up)",
                        String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", Stats.ms(service, 50), Stats.ms(service, 99)),
                        String.format(Locale.ROOT, "plain SQL GROUP BY: p50 %.1f ms, p99 %.1f ms", Stats.ms(sql, 50), Stats.ms(sql, 99)),
                        String.format(Locale.ROOT, "%.2f", Stats.ms(service, 50) / Stats.ms(sql, 50)));
                goal("Report p99 through the gateway: " + v.getKey(), "/reportLatency/" + index + "/p99ms", 25, false, "ms");
                System.out.printf(Locale.ROOT, "  %s: p50 %.1f ms, p99 %.1f ms (SQL %.1f ms)%n", v.getKey(), Stats.ms(service, 50),
                        Stats.ms(service, 99), Stats.ms(sql, 50));
            }
            index++;
        }
    }

    private static double serialRate(Stats.Operation op, int n) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static void time(Stats.Operation op, Histogram h) throws Exception {
        long t0 = System.nanoTime();
        op.run();
        h.recordValue((System.nanoTime() - t0) / 1000);
    }

    // ---- 6. memory -------------------------------------------------------------------------------------------------------

    /** Proportional set size (smaps_rollup): pages shared between processes are divided among them, so they add up once. */
    private void footprintMemory() throws IOException {
        ObjectNode pss = results.putObject("pssMiB");
        Map<String, Long> kb = new java.util.TreeMap<>();
        for (ProcessHandle h : stackProcesses()) {
            try {
                Path p = Path.of("/proc/" + h.pid());
                String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                String name = cmd.contains("uk.nhs.impact.stack.LocalStack")
                        ? "launcher"
                        : SERVICES.stream().filter(cmd::contains).findFirst().orElse(cmd.contains("gateway") && cmd.contains("quarkus-run")
                                ? "gateway"
                                : cmd.contains("KafkaBroker")
                                        ? "kafka"
                                        : cmd.contains("keycloak") ? "keycloak" : cmd.contains("postgres") ? "postgresql" : "other");
                long k = Files.readAllLines(p.resolve("smaps_rollup")).stream().filter(l -> l.startsWith("Pss:"))
                        .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
                kb.merge(name, k, Long::sum);
            } catch (IOException ignored) {
                // the process ended while being read
            }
        }
        long total = 0;
        StringBuilder m = new StringBuilder();
        for (Map.Entry<String, Long> e : kb.entrySet()) {
            long mib = Math.round(e.getValue() / 1024.0);
            pss.put(e.getKey(), mib);
            total += mib;
            m.append(e.getKey()).append(' ').append(mib).append(" MiB; ");
            if (e.getKey().endsWith("-service") || e.getKey().equals("gateway")) {
                goal("PSS: " + e.getKey(), "/pssMiB/" + e.getKey(), 200, false, "MiB");
            }
        }
        pss.put("total", total);
        m.append("total ").append(total).append(" MiB");
        row("Memory after the runs above: proportional set size per process (shared pages counted once; PostgreSQL is all its processes)",
                m.toString(), "", "");
    }

    /**
     * The stack's processes and no others on the machine: the launcher and everything it started, the services this harness
     * started again, and the PostgreSQL server (its postmaster detaches from the launcher) with its backends.
     */
    private List<ProcessHandle> stackProcesses() throws IOException {
        List<ProcessHandle> all = new ArrayList<>();
        Path data = root.resolve(".stack-data");
        for (Path pidFile : List.of(data.resolve("stack.pid"), data.resolve("postgres/postmaster.pid"))) {
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim())).ifPresent(h -> {
                    all.add(h);
                    h.descendants().forEach(all::add);
                });
            }
        }
        ProcessHandle.current().descendants().forEach(all::add);
        return all.stream().distinct().toList();
    }

    // ---- 7. replay -------------------------------------------------------------------------------------------------------

    private void replay() throws Exception {
        Http.expect(202, Http.send("POST", GATEWAY + "/api/v1/reports/admin/rebuild", admin(), null, null));
        long started = System.nanoTime();
        JsonNode progress = null;
        while (System.nanoTime() - started < Duration.ofMinutes(10).toNanos()) {
            progress = JSON.readTree(Http.send("GET", GATEWAY + "/api/v1/reports/admin/rebuild", admin(), null, null).body());
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
        goal("Replay", "/replay/eventsPerSecond", 20_000, true, "events/s");
        System.out.printf(Locale.ROOT, "  replay: %d events in %.1f s%n", replayed, seconds);
    }

    // ---- output ----------------------------------------------------------------------------------------------------------

    private void row(String what, String measured, String against, String ratio) {
        table.add(new String[]{what, measured, against, ratio});
    }

    /**
     * A goal beside its measured figure (read from the results at {@code pointer}) and the previous run's figure at the same
     * place, if it had one: met, or missed by how much (relative to the goal).
     */
    private void goal(String what, String pointer, double target, boolean atLeast, String unit) {
        double measured = results.at(pointer).asDouble(Double.NaN);
        JsonNode before = previous.at(pointer);
        boolean met = atLeast ? measured >= target : measured < target;
        double missedBy = met ? 0 : Math.abs(measured - target) / target;
        ObjectNode g = goals.addObject();
        g.put("goal", what);
        g.put("target", (atLeast ? "≥ " : "< ") + number(target) + (unit.isEmpty() ? "" : " " + unit));
        g.put("measured", measured);
        g.put("unit", unit);
        g.put("met", met);
        g.put("missedByPercent", Math.round(missedBy * 1000) / 10.0);
        if (before.isNumber()) {
            g.put("previous", before.asDouble());
        } else {
            g.putNull("previous");
        }
        g.put("pointer", pointer);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9
                ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%.3f", v)
                        .replaceAll("0+$", "");
    }

    private static String figure(double v) {
        return Math.abs(v) >= 100
                ? String.format(Locale.ROOT, "%,.0f", v)
                : Math.abs(v) >= 1
                        ? String.format(Locale.ROOT, "%.2f", v)
                        : String.format(Locale.ROOT, "%.3f", v);
    }

    private void write() throws IOException {
        results.set("goals", goals);
        Path dir = root.resolve("bench/results");
        Files.writeString(dir.resolve("latest.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        JsonNode m = results.get("machine");
        StringBuilder md = new StringBuilder("Run on " + m.get("date").asText() + ": " + m.get("cpus").asInt() + " CPUs ("
                + m.get("cpuModel").asText() + "), " + m.get("memoryGiB").asInt() + " GiB, load average " + m.get("loadAverage").asText()
                + " at the start, " + m.get("java").asText() + "; PostgreSQL " + durability() + (QUICK ? "; QUICK smoke run (short runs)" : "")
                + ". Previous run: " + (previous.isMissingNode() ? "none" : previous.path("machine").path("date").asText()) + ".\n\n");
        md.append("| goal | target | measured | previous | met |\n|---|---|---|---|---|\n");
        for (JsonNode g : goals) {
            md.append("| ").append(g.get("goal").asText()).append(" | ").append(g.get("target").asText()).append(" | ")
                    .append(figure(g.get("measured").asDouble())).append(g.get("unit").asText().isEmpty() ? "" : " " + g.get("unit").asText())
                    .append(" | ")
                    .append(g.get("previous").isNull() ? "—" : figure(g.get("previous").asDouble())).append(" | ")
                    .append(g.get("met").asBoolean() ? "met" : "missed by " + g.get("missedByPercent").asDouble() + " %").append(" |\n");
        }
        md.append("\n| measure | result | measured against | ratio |\n|---|---|---|---|\n");
        for (String[] r : table) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append("\nWarm-up (each path, until two consecutive runs agree within 5 %, at most ").append(WARMUP_RUNS).append(" runs): ");
        List<String> unsettled = new ArrayList<>();
        collectUnsettled(results, "", unsettled);
        md.append(unsettled.isEmpty()
                ? "every path settled, and the throughput paths stayed there while measured."
                : "did NOT settle: " + String.join(", ", unsettled) + ".").append('\n');
        Files.writeString(dir.resolve("latest.md"), md.toString());
        System.out.println();
        System.out.println(md);
    }

    private static void collectUnsettled(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            if (node.has("settled") && !node.get("settled").asBoolean()) {
                out.add(path.substring(1).replace("/warmup", ""));
            } else if (node.has("heldWhenMeasured") && !node.get("heldWhenMeasured").asBoolean()) {
                out.add(path.substring(1).replace("/warmup", "") + " (settled, then moved while measured)");
            }
            node.fields().forEachRemaining(e -> collectUnsettled(e.getValue(), path + "/" + e.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUnsettled(node.get(i), path + "/" + (node.get(i).has("view") ? node.get(i).get("view").asText() : i), out);
            }
        }
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
