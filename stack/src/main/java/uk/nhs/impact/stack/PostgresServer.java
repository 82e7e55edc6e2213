package uk.nhs.impact.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real PostgreSQL server: genuine binaries from Maven Central, bound to 127.0.0.1,
 * or an external server named by a JDBC URL (for hosts that already run one).
 */
public final class PostgresServer implements AutoCloseable {
    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private PostgresServer(EmbeddedPostgres embedded, String host, int port, String user, String password) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts embedded PostgreSQL; {@code dataDir} null means a throw-away cluster.
     * <p>
     * Durability: left to itself, zonky's builder starts the server with {@code -F} (fsync off) and
     * {@code synchronous_commit=off}: a commit is acknowledged before its WAL is written, and a crash of the server loses the
     * last few hundred milliseconds of acknowledged work. Every commit here is synchronous ({@code synchronous_commit=on}: the WAL is written before the
     * commit is acknowledged, so a crash of the server loses nothing acknowledged). A cluster with a data directory (the
     * local stack's, which keeps returns between runs) also has {@code fsync=on} and {@code full_page_writes=on}, so the
     * WAL is on disk before the acknowledgement and a crash of the machine loses nothing either; our {@code -c fsync=on}
     * comes after zonky's {@code -F} on the command line and PostgreSQL applies the last, which {@link #durability()}
     * confirms on every start. A throw-away cluster (module tests) keeps fsync off: it is deleted when it stops, so there is
     * no machine crash for it to survive.
     */
    public static PostgresServer startEmbedded(Path dataDir, int port) {
        boolean persistent = dataDir != null;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", persistent ? "on" : "off")
                    .setServerConfig("full_page_writes", "on");
            if (persistent) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
                // the server's own log (errors, and statements when log_statement is turned on) beside the other logs
                Path logs = dataDir.toAbsolutePath().resolveSibling("logs");
                java.nio.file.Files.createDirectories(logs);
                ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile());
                builder.setOutputRedirector(log).setErrorRedirector(log);
            }
            EmbeddedPostgres pg = builder.start();
            PostgresServer server = new PostgresServer(pg, "127.0.0.1", pg.getPort(), "postgres", "postgres");
            Map<String, String> expected = persistent ? DURABLE : Map.of("synchronous_commit", "on", "fsync", "off");
            Map<String, String> actual = server.durability();
            if (!actual.equals(expected)) {
                server.close();
                throw new IllegalStateException("PostgreSQL started with " + actual + ", expected " + expected);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    /** The settings that make an acknowledged commit survive a crash of the server and of the machine. */
    public static final Map<String, String> DURABLE = Map.of("synchronous_commit", "on", "fsync", "on");

    /** The server's {@code synchronous_commit} and {@code fsync}, as it answers {@code SHOW}. */
    public Map<String, String> durability() {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement s = c.createStatement()) {
            Map<String, String> settings = new TreeMap<>();
            for (String name : DURABLE.keySet()) {
                try (var rs = s.executeQuery("show " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
            return settings;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the durability settings", e);
        }
    }

    /** Uses a server that is already running, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres}. */
    public static PostgresServer external(String jdbcUrl, String user, String password) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        int port = hostPort.contains(":") ? Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1)) : 5432;
        return new PostgresServer(null, host, port, user, password);
    }

    /** Creates the database unless it exists. */
    public PostgresServer createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Database name must be a plain identifier: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return this;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
