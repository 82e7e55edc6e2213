package uk.nhs.impact.platform.db;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

/**
 * The platform's own tables (outbox, consumer log, idempotency keys, audit trail, instrument versions), migrated in every
 * service's database by a Flyway of their own with its own history table, {@value #HISTORY_TABLE}, so the service's
 * {@code flyway_schema_history} holds only the service's migrations.
 *
 * <p>Quarkus builds the service's Flyway (the one {@code quarkus.flyway.migrate-at-start} runs) and hands its configuration
 * to this customizer first; the platform migrations run there, on the same datasource, before the service's Flyway takes
 * a connection, so a service migration may rely on a platform table; the service's history starts with a baseline
 * marker at version 0 (its only row that is not one of its migrations). A new platform migration is added to
 * {@link #MIGRATIONS}: listing them rather than scanning the class path keeps them found in every packaging.
 */
@Singleton
public class PlatformSchema implements FlywayConfigurationCustomizer {
    public static final String HISTORY_TABLE = "platform_schema_history";
    static final String LOCATION = "db/platform";
    static final List<String> MIGRATIONS = List.of("V1__platform_tables.sql", "V2__instrument_version.sql", "V3__hierarchy_change_set.sql",
            "V4__audit_chain_head.sql", "V5__outbox_traceparent.sql");

    @Override
    public void customize(FluentConfiguration service) {
        migrate(service);
        // The platform tables are now in the schema, so the service's Flyway would refuse a non-empty schema without its
        // history table: it starts its history with a baseline marker at version 0, below every migration it applies.
        service.baselineOnMigrate(true).baselineVersion("0").baselineDescription("platform tables, see " + HISTORY_TABLE);
    }

    /** Applies the pending platform migrations with the service's datasource, schema and connection settings. */
    static void migrate(FluentConfiguration service) {
        Flyway.configure(PlatformSchema.class.getClassLoader())
                .dataSource(service.getDataSource())
                .schemas(service.getSchemas())
                .defaultSchema(service.getDefaultSchema())
                .connectRetries(service.getConnectRetries())
                .connectRetriesInterval(service.getConnectRetriesInterval())
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .resourceProvider(new Migrations())
                // a database whose tables predate this history is not adopted silently: it needs its platform tables
                // recreated by these migrations (the schema has not been released with any other history)
                .baselineOnMigrate(false)
                .load()
                .migrate();
    }

    /** The listed migrations, read from the class path. */
    private static final class Migrations implements ResourceProvider {
        private final List<LoadableResource> resources = MIGRATIONS.stream()
                .<LoadableResource>map(name -> new ClassPathResource(new Location("classpath:" + LOCATION), LOCATION + "/" + name,
                        PlatformSchema.class.getClassLoader(), StandardCharsets.UTF_8))
                .toList();

        @Override
        public LoadableResource getResource(String name) {
            return resources.stream().filter(r -> r.getRelativePath().equals(name) || r.getFilename().equals(name))
                    .findFirst().orElse(null);
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String... suffixes) {
            return resources.stream().filter(r -> r.getFilename().startsWith(prefix)
                    && Arrays.stream(suffixes).anyMatch(s -> r.getFilename().endsWith(s))).toList();
        }
    }
}
