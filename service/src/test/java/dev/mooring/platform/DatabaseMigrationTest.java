package dev.mooring.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** The migrations in db-migrations build the whole schema on an empty database, and only once. */
class DatabaseMigrationTest {

    @Test
    void migratesAnEmptyDatabaseAndIsIdempotent() throws Exception {
        String url = TestPostgres.createDatabase("migration_" + UUID.randomUUID().toString().replace("-", ""));
        TestPostgres.Server server = TestPostgres.server();
        Flyway flyway = Flyway.configure()
                .dataSource(url, server.username(), server.password())
                .locations("classpath:db/migration")
                .load();

        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isGreaterThan(0);
        assertThat(flyway.migrate().migrationsExecuted).isZero();
        flyway.validate();

        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                ResultSet tables = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
            assertThat(names).contains("subscriptions", "role_assignments", "flyway_schema_history");
        }
    }
}
