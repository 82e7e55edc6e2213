package uk.nhs.impact.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The test application's database was created empty: both Flyway runs applied, each recorded in its own history. */
@QuarkusTest
class PlatformSchemaTest {
    @Inject
    AgroalDataSource db;

    @Test
    void platformMigrationsHaveTheirOwnHistory() throws SQLException {
        assertThat(column("select script from platform_schema_history where success order by installed_rank"))
                .containsExactly("V1__platform_tables.sql", "V2__instrument_version.sql", "V3__hierarchy_change_set.sql",
                        "V4__audit_chain_head.sql", "V5__outbox_traceparent.sql");
    }

    @Test
    void theServicesHistoryHoldsOnlyItsOwnMigrations() throws SQLException {
        assertThat(column("select script from flyway_schema_history where success and type <> 'BASELINE' order by installed_rank"))
                .containsExactly("db/migration/V1__test_notes.sql");
        assertThat(column("select version from flyway_schema_history where type = 'BASELINE'")).containsExactly("0");
    }

    @Test
    void platformTablesExist() throws SQLException {
        assertThat(column("select table_name from information_schema.tables where table_schema = current_schema() order by 1"))
                .contains("outbox_event", "processed_event", "idempotency_key", "audit_event", "audit_chain_head", "instrument_version",
                        "hierarchy_change_set");
    }

    @Test
    void everyPlatformMigrationFileIsListed() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", PlatformSchema.LOCATION))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(PlatformSchema.MIGRATIONS);
        }
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
