package uk.nhs.impact.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), bound to 127.0.0.1.
 * It can be stopped and started again on the same port and log directory, keeping its data.
 * <p>
 * Durability: the services' outbox producers send with {@code acks=all} and idempotence, and mark an event sent only
 * when the broker has acknowledged it. Kafka by default acknowledges a record once it is in the page cache and relies on
 * replicas on other machines, not on fsync: with one broker there is no other copy, so a broker whose log directory
 * outlives it (the local stack's) writes each append to disk before it acknowledges ({@code log.flush.interval.messages=1},
 * checked on each append). A crash of the broker process alone loses nothing acknowledged either way (the page cache
 * survives it); the flush is what makes an acknowledged event survive a crash of the machine. A throw-away broker (module
 * tests) leaves flushing to the operating system: its log is deleted with it.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String CLUSTER_ID = "nhsImpactLocalCluster1";

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final boolean flushEachAppend;
    private KafkaRaftServer server;

    /** A broker whose log directory is kept: every append is on disk before it is acknowledged. */
    public KafkaBroker(Path logDir, int port, int controllerPort) {
        this(logDir, port, controllerPort, true);
    }

    private KafkaBroker(Path logDir, int port, int controllerPort, boolean flushEachAppend) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.flushEachAppend = flushEachAppend;
    }

    /** A throw-away broker on free ports (flushing left to the operating system). */
    public static KafkaBroker temporary() {
        try {
            return new KafkaBroker(Files.createTempDirectory("kafka-"), Ports.free(), Ports.free(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized KafkaBroker start() {
        if (server != null) {
            return this;
        }
        Properties props = properties();
        formatOnce(props);
        server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
        return this;
    }

    /** Stops the broker, keeping its log directory so it can start again. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties properties() {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.retention.hours", "-1")));
        if (flushEachAppend) {
            // one broker, no replicas: an acknowledged record must be on this machine's disk (see the class comment)
            p.put("log.flush.interval.messages", "1");
        }
        return p;
    }

    private void formatOnce(Properties props) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            Path config = logDir.resolveSibling(logDir.getFileName() + ".properties");
            try (Writer w = Files.newBufferedWriter(config)) {
                props.store(w, "KRaft single node");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[]{"format", "--cluster-id", CLUSTER_ID, "--config", config.toString(), "--ignore-formatted"},
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("Kafka storage format failed: " + out.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(conf)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(4, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker did not become ready on " + bootstrapServers(), notYet);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a broker as its own process: {@code KafkaBroker <logDir> <port> <controllerPort>}. */
    public static void main(String[] args) throws InterruptedException {
        KafkaBroker broker = new KafkaBroker(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
        broker.start();
        System.out.println("Kafka ready on " + broker.bootstrapServers());
        Thread.currentThread().join();
    }
}
