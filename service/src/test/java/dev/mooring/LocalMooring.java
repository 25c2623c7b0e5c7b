package dev.mooring;

import dev.mooring.testing.TestAgentCa;
import dev.mooring.testing.TestPostgres;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;

/**
 * The local run (README: {@code mvn ... spring-boot:test-run}): Mooring in local mode on an embedded
 * PostgreSQL whose data lives in {@code ./.mooring/postgres} and survives restarts. It lives on the test
 * classpath because the embedded PostgreSQL is a test-scope dependency. Ctrl+C closes the application first and
 * then stops the embedded PostgreSQL ({@link TestPostgres#embedded}).
 */
public final class LocalMooring {

    /** Local mode's key-encryption key: 32 random bytes made on first start, kept owner-only in the data directory. */
    static String localKeyEncryptionKey(Path directory) {
        return ownerOnlySecret(directory.resolve("kek-local.b64"));
    }

    /** A secret of 32 random bytes (base64) in {@code file}: made on first use, readable by its owner only. */
    public static String ownerOnlySecret(Path file) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            if (!java.nio.file.Files.exists(file)) {
                java.nio.file.Files.createDirectories(directory);
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                java.nio.file.Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
                java.nio.file.Files.setPosixFilePermissions(file,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            return java.nio.file.Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read or create the local secret " + file, e);
        }
    }

    private LocalMooring() {
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    public static void main(String[] args) {
        defaultProperty("logging.config", "classpath:local-run-logback.xml");
        // Ctrl+C stops in seconds: requests still open (agents' configuration long-polls) get this long, not 30 s.
        defaultProperty("spring.lifecycle.timeout-per-shutdown-phase", "3s");
        Path dataDirectory = Path.of(System.getProperty("mooring.local.data-directory", ".mooring")).toAbsolutePath();
        // The embedded PostgreSQL stops after the application, through Spring Boot's shutdown handlers.
        TestPostgres.Server postgres = TestPostgres.embedded(dataDirectory.resolve("postgres"),
                ownerOnlySecret(dataDirectory.resolve("postgres-password.b64")));
        System.setProperty("mooring.local.data-directory", dataDirectory.toString());
        System.setProperty("spring.datasource.url", postgres.jdbcUrl());
        System.setProperty("spring.datasource.username", postgres.username());
        System.setProperty("spring.datasource.password", postgres.password());
        if (System.getProperty("mooring.secrets.active-key-id") == null && System.getenv("MOORING_SECRETS_ACTIVE_KEY_ID") == null) {
            System.setProperty("mooring.secrets.active-key-id", "local");
            System.setProperty("mooring.secrets.keys.local", localKeyEncryptionKey(dataDirectory.resolve("secrets")));
        }
        if (System.getProperty("mooring.agents.ca-certificate") == null && System.getenv("MOORING_AGENTS_CA_CERTIFICATE") == null) {
            TestAgentCa.Pems ca = TestAgentCa.loadOrCreate(dataDirectory.resolve("agents-ca"));
            System.setProperty("mooring.agents.ca-certificate", ca.certificate());
            System.setProperty("mooring.agents.ca-private-key", ca.privateKey());
        }
        SpringApplication.from(MooringApplication::main).withAdditionalProfiles("local").run(args);
    }
}
