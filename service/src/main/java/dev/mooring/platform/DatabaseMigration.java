package dev.mooring.platform;

import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --migrate-only}: migrates the database schema with Flyway and exits, starting nothing else (no web
 * server, no workers, no key-encryption key or CA needed). The Kubernetes deployment runs it as an init container
 * and the replicas with {@code spring.flyway.enabled=false} (docs/adr/0011-migrations-in-an-init-container.md).
 * It reads the same {@code spring.datasource.*} and {@code spring.flyway.*} settings as the service, from the same
 * sources (environment, config trees, command line), and migrates even where {@code spring.flyway.enabled=false}
 * is set for the service.
 */
public final class DatabaseMigration {

    public static final String OPTION = "--migrate-only";
    private static final Logger log = LoggerFactory.getLogger(DatabaseMigration.class);

    private DatabaseMigration() {
    }

    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains(OPTION);
    }

    /** Migrates, then closes everything it opened. A failed migration throws (the process exits non-zero). */
    public static void run(String[] args) {
        String[] arguments = Stream.concat(Arrays.stream(args)
                        .filter(arg -> !arg.equals(OPTION) && !arg.startsWith("--spring.flyway.enabled")),
                Stream.of("--spring.flyway.enabled=true")).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MigrationOnly.class)
                .web(WebApplicationType.NONE)
                .run(arguments)) {
            var current = context.getBean(Flyway.class).info().current();
            log.info("Database schema is at version {}; exiting", current == null ? "(none)" : current.getVersion());
        }
    }

    /** Only the data source and Flyway: no component scan, so no feature of the service starts. */
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
    static class MigrationOnly {
    }
}
