package dev.mooring.deploy;

import static dev.mooring.deploy.DeployFiles.at;
import static dev.mooring.deploy.DeployFiles.byName;
import static dev.mooring.deploy.DeployFiles.list;
import static dev.mooring.deploy.DeployFiles.ofKind;
import static dev.mooring.deploy.DeployFiles.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.dataplane.AgentsProperties;
import dev.mooring.arm.pipeline.ThrottlingProperties;
import dev.mooring.platform.DatabaseMigration;
import dev.mooring.secrets.SecretsProperties;
import dev.mooring.tenancy.RegionsProperties;
import dev.mooring.testing.ServiceTest;
import dev.mooring.testing.TestAgentCa;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * deploy/: each region's overlay renders with {@code kubectl kustomize} (skipped, saying so, where kubectl is
 * absent) into what the issue asks for, with settings the service really reads, Secrets it really binds, probes at
 * paths it really answers (this class runs against the live service for that), and the values that must differ
 * per region differing.
 */
@SuppressWarnings("unchecked")
class KubernetesManifestsTest extends ServiceTest {

    static final String CONFIG_TREE = "/etc/mooring/config/";
    /** The Secrets the deployment references (they are created by the operator, never rendered). */
    static final Set<String> SECRETS = Set.of("mooring-database", "mooring-database-owner", "mooring-key-encryption-keys",
            "mooring-agent-ca");

    static Stream<String> regions() throws IOException {
        try (Stream<Path> overlays = Files.list(DeployFiles.ROOT.resolve("deploy/overlays"))) {
            List<String> names = overlays.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).containsExactly("eastus", "westeurope");
            return names.stream();
        }
    }

    private static List<Map<String, Object>> render(String region) {
        return DeployFiles.documents(DeployFiles.kustomize("deploy/overlays/" + region));
    }

    @ParameterizedTest
    @MethodSource("regions")
    void everyObjectIsKnownToKubernetesAndNoSecretIsRendered(String region) {
        List<Map<String, Object>> docs = render(region);
        DeployFiles.assertKnownToKubernetes(docs);
        assertThat(docs.stream().map(d -> (String) d.get("kind")).toList()).contains("Namespace", "ServiceAccount",
                "ConfigMap", "Deployment", "Service", "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler",
                "NetworkPolicy").doesNotContain("Secret");
        assertThat(docs).filteredOn(d -> !d.get("kind").equals("Namespace"))
                .allSatisfy(d -> assertThat((String) at(d, "metadata.namespace")).isEqualTo("mooring"));
        Map<String, String> namespaceLabels = at(only(docs, "Namespace", "mooring"), "metadata.labels");
        assertThat(namespaceLabels).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }

    @ParameterizedTest
    @MethodSource("regions")
    void theDeploymentRunsAtLeastTwoNonRootReadOnlyReplicasWithProbesAndResources(String region) {
        List<Map<String, Object>> docs = render(region);
        Map<String, Object> deployment = only(docs, "Deployment", "mooring");
        DeployFiles.typed(deployment, Deployment.class);
        assertThat((Integer) at(deployment, "spec.replicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> pod = at(deployment, "spec.template.spec");
        assertThat((Boolean) at(pod, "securityContext.runAsNonRoot")).isTrue();
        assertThat((Integer) at(pod, "securityContext.runAsUser")).isPositive();
        assertThat((Boolean) pod.get("automountServiceAccountToken")).isFalse();
        List<Map<String, Object>> containers = new ArrayList<>(list(pod, "initContainers"));
        containers.addAll(list(pod, "containers"));
        assertThat(containers).hasSize(2).allSatisfy(container -> {
            assertThat((Boolean) at(container, "securityContext.readOnlyRootFilesystem")).isTrue();
            assertThat((Boolean) at(container, "securityContext.allowPrivilegeEscalation")).isFalse();
            assertThat((List<String>) at(container, "securityContext.capabilities.drop")).containsExactly("ALL");
            assertThat((String) at(container, "resources.requests.cpu")).isNotBlank();
            assertThat((String) at(container, "resources.limits.memory")).isNotBlank();
            // The one writable place (the JVM's and Tomcat's temporary files) is an emptyDir.
            assertThat(byName(list(container, "volumeMounts")).get("tmp")).containsEntry("mountPath", "/tmp");
        });

        Map<String, Object> service = list(pod, "containers").getFirst();
        Map<String, Object> port = byName(list(service, "ports")).get("http");
        assertThat(port.get("containerPort")).isEqualTo(8080);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat((String) at(service, probe + ".httpGet.port")).as(probe).isEqualTo("http");
        }
        assertThat((String) at(service, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat((String) at(service, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat((String) at(service, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        // ... which the service answers without a token, on the port its configuration says.
        for (String path : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            anonymous().get(path).then().statusCode(200);
        }
        assertThat(SpringSettings.environment(Map.of()).getProperty("server.port")).isEqualTo("8080");
        // Longer than the service's graceful shutdown phase.
        String shutdown = SpringSettings.environment(Map.of()).getProperty("spring.lifecycle.timeout-per-shutdown-phase");
        assertThat((Integer) pod.get("terminationGracePeriodSeconds"))
                .isGreaterThan((int) org.springframework.boot.convert.DurationStyle.detectAndParse(shutdown).toSeconds());
    }

    @ParameterizedTest
    @MethodSource("regions")
    void migrationsRunInAnInitContainerOfTheSameImageAndTheReplicasRunWithFlywayOff(String region) {
        Map<String, Object> pod = at(only(render(region), "Deployment", "mooring"), "spec.template.spec");
        Map<String, Object> migrate = list(pod, "initContainers").getFirst();
        Map<String, Object> service = list(pod, "containers").getFirst();
        assertThat((List<String>) migrate.get("args")).containsExactly(DatabaseMigration.OPTION);
        assertThat(migrate.get("image")).isEqualTo(service.get("image"));
        assertThat((String) service.get("image")).startsWith("registry.example.com/mooring/service:");
        assertThat(service.get("args")).isNull();
        assertThat(config(render(region))).containsEntry("SPRING_FLYWAY_ENABLED", "false");
    }

    @ParameterizedTest
    @MethodSource("regions")
    void theConfigMapNamesRealPropertiesAndHoldsNoSecret(String region) {
        Map<String, String> config = config(render(region));
        for (String variable : config.keySet()) {
            SpringSettings.propertyOf(variable);
            assertThat(variable).doesNotContain("PASSWORD", "PRIVATE", "SECRETS_KEYS", "KEY_ID");
        }
        assertThat(config).containsKeys("SPRING_DATASOURCE_URL", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", "MOORING_REGIONS_SERVED");
        assertThat(config.get("SPRING_CONFIG_IMPORT")).isEqualTo("configtree:" + CONFIG_TREE);
    }

    /**
     * What the service container really gets: the ConfigMap as variables plus the Secrets mounted as kubelet mounts
     * them (timestamped directory, {@code ..data} link, one link per key), processed by Spring Boot itself, then
     * bound by the service's own records. The init container, likewise, gets the owner role.
     */
    @ParameterizedTest
    @MethodSource("regions")
    void theServiceBindsItsSecretsFromTheMountedConfigTree(String region, @TempDir Path root) throws IOException {
        List<Map<String, Object>> docs = render(region);
        Map<String, Object> pod = at(only(docs, "Deployment", "mooring"), "spec.template.spec");
        Map<String, Map<String, Object>> volumes = byName(list(pod, "volumes"));
        Set<String> referenced = new HashSet<>();
        volumes.values().forEach(v -> {
            if (at(v, "secret.secretName") != null) {
                referenced.add(at(v, "secret.secretName"));
            }
        });
        assertThat(referenced).isEqualTo(SECRETS);

        String kek1 = randomKey();
        String kek2 = randomKey();
        Map<String, Map<String, String>> secrets = Map.of(
                "mooring-database", Map.of("username", "mooring_app", "password", "app-secret\n"),
                "mooring-database-owner", Map.of("username", "mooring_owner", "password", "owner-secret\n"),
                "mooring-key-encryption-keys", Map.of("active-key-id", "k2\n", "keys.k1", kek1 + "\n", "keys.k2", kek2 + "\n"),
                "mooring-agent-ca", Map.of("tls.crt", TestAgentCa.shared().certificate(), "tls.key", TestAgentCa.shared().privateKey()));
        Map<String, String> config = config(docs);

        Map<String, Object> service = list(pod, "containers").getFirst();
        ConfigurableEnvironment environment = mountAndLoad(root.resolve("service"), config, service, volumes, secrets);
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("mooring_app");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("app-secret");
        assertThat(environment.getProperty("spring.flyway.enabled", Boolean.class)).isFalse();
        SecretsProperties kek = SpringSettings.bind(environment, SecretsProperties.class);
        assertThat(kek.activeKeyId()).isEqualTo("k2");
        assertThat(kek.keys()).containsOnlyKeys("k1", "k2");
        assertThat(kek.keys().get("k2").strip()).isEqualTo(kek2);
        AgentsProperties agents = SpringSettings.bind(environment, AgentsProperties.class);
        assertThat(agents.caCertificate().strip()).isEqualTo(TestAgentCa.shared().certificate().strip());
        assertThat(agents.caPrivateKey().strip()).isEqualTo(TestAgentCa.shared().privateKey().strip());
        assertThat(agents.dataPlaneUrls()).containsOnlyKeys(SpringSettings.bind(environment, RegionsProperties.class).served());
        assertThat(SpringSettings.bindAll(environment)).contains("mooring.secrets", "mooring.agents", "mooring.throttling");

        Map<String, Object> migrate = list(pod, "initContainers").getFirst();
        ConfigurableEnvironment migration = mountAndLoad(root.resolve("migrate"), config, migrate, volumes, secrets);
        assertThat(migration.getProperty("spring.datasource.username")).isEqualTo("mooring_owner");
        assertThat(migration.getProperty("spring.datasource.password")).isEqualTo("owner-secret");
        assertThat(migration.getProperty("mooring.secrets.active-key-id")).as("the migration sees no key").isNull();
        assertThat(migration.getProperty("mooring.agents.ca-private-key")).as("nor the CA's key").isNull();
    }

    @ParameterizedTest
    @MethodSource("regions")
    void disruptionBudgetAutoscalerServiceAndNetworkPolicySelectThePods(String region) {
        List<Map<String, Object>> docs = render(region);
        Map<String, Object> deployment = only(docs, "Deployment", "mooring");
        Map<String, String> podLabels = at(deployment, "spec.template.metadata.labels");
        Map<String, String> selector = at(deployment, "spec.selector.matchLabels");
        assertThat(podLabels).containsAllEntriesOf(selector);

        Map<String, Object> pdb = only(docs, "PodDisruptionBudget", "mooring");
        assertThat(podLabels).containsAllEntriesOf(at(pdb, "spec.selector.matchLabels"));
        assertThat((Integer) at(pdb, "spec.maxUnavailable")).isEqualTo(1);

        Map<String, Object> hpa = only(docs, "HorizontalPodAutoscaler", "mooring");
        assertThat((String) at(hpa, "spec.scaleTargetRef.name")).isEqualTo("mooring");
        assertThat((String) at(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
        int min = at(hpa, "spec.minReplicas");
        assertThat(min).isGreaterThanOrEqualTo(2).isEqualTo((Integer) at(deployment, "spec.replicas"));
        assertThat((Integer) at(hpa, "spec.maxReplicas")).isGreaterThan(min);
        // Each replica keeps 1/N of every throttling bucket: N is the autoscaler's minimum.
        ThrottlingProperties throttling = SpringSettings.bind(SpringSettings.environment(withoutSecrets(docs)), ThrottlingProperties.class);
        assertThat(throttling.replicas()).isEqualTo(min);

        Map<String, Object> service = only(docs, "Service", "mooring");
        assertThat(podLabels).containsAllEntriesOf(at(service, "spec.selector"));
        assertThat(list(service, "spec.ports").getFirst()).containsEntry("targetPort", "http");

        Map<String, Object> policy = only(docs, "NetworkPolicy", "mooring");
        assertThat(podLabels).containsAllEntriesOf(at(policy, "spec.podSelector.matchLabels"));
        assertThat((List<String>) at(policy, "spec.policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(list(policy, "spec.ingress")).allSatisfy(rule ->
                assertThat(list(rule, "ports")).containsExactly(Map.of("protocol", "TCP", "port", 8080)));
        List<Object> egressPorts = list(policy, "spec.egress").stream().flatMap(rule -> list(rule, "ports").stream())
                .map(p -> p.get("port")).toList();
        assertThat(egressPorts).contains(53, 5432, 443);
    }

    @ParameterizedTest
    @MethodSource("regions")
    void theIngressesServeTheGlobalAndRegionalHostsAndConnectGetsLongLivedWebSockets(String region) {
        List<Map<String, Object>> docs = render(region);
        List<Map<String, Object>> ingresses = ofKind(docs, "Ingress");
        assertThat(ingresses).hasSize(2);
        String regional = region + ".mooring.example.com";
        for (Map<String, Object> ingress : ingresses) {
            List<String> hosts = list(ingress, "spec.rules").stream().map(r -> (String) r.get("host")).toList();
            assertThat(hosts).containsExactly("management.mooring.example.com", regional);
            assertThat((List<String>) at(list(ingress, "spec.tls").getFirst(), "hosts")).containsExactlyElementsOf(hosts);
            for (Map<String, Object> rule : list(ingress, "spec.rules")) {
                Map<String, Object> path = list(rule, "http.paths").getFirst();
                assertThat((String) at(path, "backend.service.name")).isEqualTo("mooring");
                assertThat((String) at(path, "backend.service.port.name")).isEqualTo("http");
            }
        }
        Map<String, Object> connect = only(docs, "Ingress", "mooring-connect");
        assertThat(list(connect, "spec.rules").stream().map(r -> (String) at(list(r, "http.paths").getFirst(), "path")))
                .containsOnly("/connect/");
        Map<String, String> annotations = at(connect, "metadata.annotations");
        assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "0")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");

        // The region's agents are told (by the data-plane URL) to call this region's host.
        ConfigurableEnvironment environment = SpringSettings.environment(withoutSecrets(docs));
        AgentsProperties agents = SpringSettings.bind(environment, AgentsProperties.class);
        assertThat(URI.create(agents.dataPlaneUrls().get(region)).getHost()).isEqualTo(regional);
        assertThat(URI.create(agents.dataPlaneUrls().get(region)).getPath()).isEqualTo("/dataplane/" + region);
        assertThat(SpringSettings.bind(environment, RegionsProperties.class).served()).contains(region);
        Map<String, String> labels = at(only(docs, "Deployment", "mooring"), "spec.template.metadata.labels");
        assertThat(labels).containsEntry("mooring.dev/region", region);
    }

    @org.junit.jupiter.api.Test
    void regionsDifferInHostsAndSizeButShareTheDatabaseAndTheRegionMap() throws IOException {
        Map<String, List<Map<String, Object>>> byRegion = new LinkedHashMap<>();
        regions().forEach(region -> byRegion.put(region, render(region)));
        assertThat(byRegion.keySet()).containsExactlyInAnyOrderElementsOf(
                SpringSettings.bind(SpringSettings.environment(withoutSecrets(byRegion.get("eastus"))), RegionsProperties.class).served());
        Map<String, String> east = config(byRegion.get("eastus"));
        Map<String, String> west = config(byRegion.get("westeurope"));
        assertThat(east.get("SPRING_DATASOURCE_URL")).isEqualTo(west.get("SPRING_DATASOURCE_URL"));
        assertThat(east.get("MOORING_AGENTS_DATAPLANEURLS_WESTEUROPE")).isEqualTo(west.get("MOORING_AGENTS_DATAPLANEURLS_WESTEUROPE"));
        Object eastHosts = at(list(only(byRegion.get("eastus"), "Ingress", "mooring"), "spec.tls").getFirst(), "hosts");
        Object westHosts = at(list(only(byRegion.get("westeurope"), "Ingress", "mooring"), "spec.tls").getFirst(), "hosts");
        assertThat(eastHosts).isNotEqualTo(westHosts);
        assertThat((Integer) at(only(byRegion.get("eastus"), "HorizontalPodAutoscaler", "mooring"), "spec.maxReplicas"))
                .isNotEqualTo(at(only(byRegion.get("westeurope"), "HorizontalPodAutoscaler", "mooring"), "spec.maxReplicas"));
    }

    /** The ConfigMap's variables without the config tree import (for checks that mount no Secrets). */
    static Map<String, String> withoutSecrets(List<Map<String, Object>> docs) {
        Map<String, String> variables = config(docs);
        variables.remove("SPRING_CONFIG_IMPORT");
        return variables;
    }

    /** The variables the Deployment's containers get from the (generated, hash-named) ConfigMap they name. */
    static Map<String, String> config(List<Map<String, Object>> docs) {
        Map<String, Object> pod = at(only(docs, "Deployment", "mooring"), "spec.template.spec");
        Map<String, Object> container = list(pod, "containers").getFirst();
        String name = at(list(container, "envFrom").getFirst(), "configMapRef.name");
        assertThat(name).startsWith("mooring-config-");
        return new HashMap<>((Map<String, String>) only(docs, "ConfigMap", name).get("data"));
    }

    private static ConfigurableEnvironment mountAndLoad(Path root, Map<String, String> config, Map<String, Object> container,
            Map<String, Map<String, Object>> volumes, Map<String, Map<String, String>> secrets) throws IOException {
        for (Map<String, Object> mount : list(container, "volumeMounts")) {
            String mountPath = (String) mount.get("mountPath");
            Map<String, Object> volume = volumes.get(mount.get("name"));
            if (at(volume, "secret") == null) {
                continue;
            }
            assertThat(mountPath).startsWith(CONFIG_TREE);
            assertThat((Boolean) mount.get("readOnly")).isTrue();
            Map<String, String> data = secrets.get((String) at(volume, "secret.secretName"));
            Map<String, String> files = new LinkedHashMap<>();
            List<Map<String, Object>> items = list(volume, "secret.items");
            if (items.isEmpty()) {
                files.putAll(data);
            } else {
                for (Map<String, Object> item : items) {
                    assertThat(data).containsKey((String) item.get("key"));
                    files.put((String) item.get("path"), data.get((String) item.get("key")));
                }
            }
            Path directory = root.resolve(mountPath.substring(1));
            Path timestamped = directory.resolve("..2030_01_01_00_00_00.000000001");
            Files.createDirectories(timestamped);
            Files.createSymbolicLink(directory.resolve("..data"), Path.of(timestamped.getFileName().toString()));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(timestamped.resolve(file.getKey()), file.getValue());
                Files.createSymbolicLink(directory.resolve(file.getKey()), Path.of("..data", file.getKey()));
                SpringSettings.assertConfigTreeFileIsKnown(
                        (mountPath.substring(CONFIG_TREE.length()) + "/" + file.getKey()).replace('/', '.'));
            }
        }
        Map<String, String> variables = new HashMap<>(config);
        variables.put("SPRING_CONFIG_IMPORT", config.get("SPRING_CONFIG_IMPORT")
                .replace(CONFIG_TREE, root.resolve(CONFIG_TREE.substring(1)).toString() + "/"));
        Files.createDirectories(root.resolve(CONFIG_TREE.substring(1)));
        return SpringSettings.environment(variables);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
