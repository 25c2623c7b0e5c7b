package dev.mooring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mooring.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The local run's embedded PostgreSQL admits only callers that know the password kept in the data directory. */
class LocalMooringDatabaseTest {

    @Test
    void theEmbeddedDatabaseNeedsTheGeneratedPassword() throws Exception {
        Path data = Files.createTempDirectory("mooring-local");
        Path passwordFile = data.resolve("postgres-password.b64");
        String password = LocalMooring.ownerOnlySecret(passwordFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        assertThat(LocalMooring.ownerOnlySecret(passwordFile)).as("kept across restarts").isEqualTo(password);

        TestPostgres.Server server = TestPostgres.embedded(data.resolve("postgres"), password);
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", null).close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres").close())
                .isInstanceOf(SQLException.class);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", password)) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }
}
