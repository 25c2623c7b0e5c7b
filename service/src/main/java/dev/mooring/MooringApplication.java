package dev.mooring;

import dev.mooring.platform.DatabaseMigration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Mooring control-plane service. Code is packaged by feature ({@code arm}, {@code access},
 * {@code tenancy}, {@code local}, ...); see docs/architecture.md for how a request flows through them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MooringApplication {

    /** Runs the service, or with {@code --migrate-only} only the database migrations ({@link DatabaseMigration}). */
    public static void main(String[] args) {
        if (DatabaseMigration.requested(args)) {
            DatabaseMigration.run(args);
            return;
        }
        SpringApplication.run(MooringApplication.class, args);
    }
}
