package dev.mooring;

import dev.mooring.testing.TestPostgres;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;

/**
 * The local run (README: {@code mvn ... spring-boot:test-run}): Mooring in local mode on an embedded
 * PostgreSQL whose data lives in {@code ./.mooring/postgres} and survives restarts. It lives on the test
 * classpath because the embedded PostgreSQL is a test-scope dependency.
 */
public final class LocalMooring {

    private LocalMooring() {
    }

    public static void main(String[] args) {
        Path dataDirectory = Path.of(System.getProperty("mooring.local.data-directory", ".mooring")).toAbsolutePath();
        TestPostgres.Server postgres = TestPostgres.embedded(dataDirectory.resolve("postgres"));
        System.setProperty("mooring.local.data-directory", dataDirectory.toString());
        System.setProperty("spring.datasource.url", postgres.jdbcUrl());
        System.setProperty("spring.datasource.username", postgres.username());
        System.setProperty("spring.datasource.password", postgres.password());
        SpringApplication.from(MooringApplication::main).withAdditionalProfiles("local").run(args);
    }
}
