package dev.mooring.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mooring.MooringApplication;
import dev.mooring.testing.TestAgentCa;
import dev.mooring.testing.TestPostgres;
import dev.mooring.testing.TestSecrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * How the Kubernetes deployment migrates (deploy/base: an init container runs {@code --migrate-only}, the service
 * runs with {@code spring.flyway.enabled=false}): the migration alone brings an empty database to the latest
 * version, and the service then starts on it without Flyway; on an unmigrated database it refuses to start.
 */
class DatabaseMigrationTest {

    @Test
    void migrateOnlyMigratesAndTheServiceThenStartsWithFlywayOff() throws Exception {
        String url = TestPostgres.createDatabase(freshName());
        // Even where the service's own setting says "off", --migrate-only migrates.
        DatabaseMigration.run(datasource(url, "--migrate-only", "--spring.flyway.enabled=false"));

        assertThat(appliedMigrations(url)).containsExactlyElementsOf(migrationsOnTheClasspath());

        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(MooringApplication.class)
                .run(serviceArguments(url))) {
            assertThat(service.isRunning()).isTrue();
            assertThat(service.getBeanProvider(Flyway.class).getIfAvailable()).isNull();
        }
    }

    @Test
    void theServiceWithFlywayOffRefusesAnUnmigratedDatabase() {
        String url = TestPostgres.createDatabase(freshName());
        assertThatThrownBy(() -> new SpringApplicationBuilder(MooringApplication.class).run(serviceArguments(url)).close())
                .hasStackTraceContaining("Schema validation: missing table");
    }

    @Test
    void onlyTheOptionSelectsMigrationMode() {
        assertThat(DatabaseMigration.requested(new String[] {"--migrate-only"})).isTrue();
        assertThat(DatabaseMigration.requested(new String[] {"--reencrypt-secrets"})).isFalse();
        assertThat(DatabaseMigration.requested(new String[0])).isFalse();
    }

    private static String[] serviceArguments(String url) {
        List<String> args = new ArrayList<>(List.of(datasource(url, "--spring.flyway.enabled=false", "--server.port=0",
                "--mooring.scheduling.enabled=false",
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=https://login.test.mooring/issuer/",
                "--mooring.secrets.active-key-id=" + TestSecrets.ACTIVE,
                "--mooring.secrets.keys." + TestSecrets.ACTIVE + "=" + TestSecrets.KEY_1)));
        args.add("--mooring.agents.ca-certificate=" + TestAgentCa.shared().certificate());
        args.add("--mooring.agents.ca-private-key=" + TestAgentCa.shared().privateKey());
        return args.toArray(String[]::new);
    }

    private static String[] datasource(String url, String... more) {
        TestPostgres.Server server = TestPostgres.server();
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + server.username(), "--spring.datasource.password=" + server.password()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static List<String> appliedMigrations(String url) throws Exception {
        TestPostgres.Server server = TestPostgres.server();
        List<String> versions = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                ResultSet rows = connection.createStatement().executeQuery(
                        "select version from flyway_schema_history where success order by installed_rank")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }

    private static List<String> migrationsOnTheClasspath() throws Exception {
        return java.util.Arrays.stream(new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*.sql"))
                .map(resource -> resource.getFilename().substring(1, resource.getFilename().indexOf("__")))
                .sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
    }

    private static String freshName() {
        return "migrate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }
}
