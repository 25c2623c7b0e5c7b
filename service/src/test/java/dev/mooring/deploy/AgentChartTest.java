package dev.mooring.deploy;

import static dev.mooring.deploy.DeployFiles.at;
import static dev.mooring.deploy.DeployFiles.byName;
import static dev.mooring.deploy.DeployFiles.list;
import static dev.mooring.deploy.DeployFiles.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agent chart (deploy/agent-chart) and its rendered example stay in step, and both install what the agent
 * needs: the values named as the az CLI sets them for Arc, the RBAC for metadata, configuration sync and cluster
 * connect, a non-root read-only pod whose identity survives restarts. After changing the chart, regenerate the
 * example with {@code -Dmooring.deploy.regenerate-agent-example=true} and review the diff.
 */
@SuppressWarnings("unchecked")
class AgentChartTest {

    /** The Arc Helm values the issue names, as `az connectedk8s connect` sets them. */
    static final List<String> ARC_GLOBALS = List.of("subscriptionId", "resourceGroupName", "resourceName", "location",
            "tenantId", "onboardingPrivateKey", "httpsProxy", "httpProxy", "noProxy", "proxyCert");

    @Test
    void theRenderedExampleIsWhatTheChartRendersForTheExampleValues() throws Exception {
        String rendered = AgentChart.render(AgentChart.exampleValues());
        if (Boolean.getBoolean("mooring.deploy.regenerate-agent-example")) {
            Files.writeString(DeployFiles.ROOT.resolve(AgentChart.EXAMPLE + "/rendered.yaml"),
                    "# Rendered from deploy/agent-chart with example/values.yaml, as\n"
                    + "#   helm template " + AgentChart.RELEASE + " deploy/agent-chart -n " + AgentChart.NAMESPACE
                    + " -f deploy/agent-chart/example/values.yaml\n"
                    + "# would. AgentChartTest keeps it in step with the chart; apply it with kubectl to try the agent"
                    + " without Helm.\n" + rendered);
        }
        assertThat(sorted(DeployFiles.documents(rendered))).isEqualTo(sorted(AgentChart.example()));
    }

    @Test
    void kubectlAcceptsTheRenderedExample() {
        List<Map<String, Object>> built = DeployFiles.documents(DeployFiles.kustomize(AgentChart.EXAMPLE));
        assertThat(sorted(built)).isEqualTo(sorted(AgentChart.example()));
        DeployFiles.assertKnownToKubernetes(built);
    }

    @Test
    void everyArcValueIsDeclaredUnderGlobalAndUsedByATemplate() throws Exception {
        Map<String, Object> global = at(AgentChart.defaultValues(), "global");
        String templates = allTemplates();
        for (String name : ARC_GLOBALS) {
            assertThat(global).as("values.yaml declares global.%s", name).containsKey(name);
            assertThat(templates).as("a template uses global.%s", name).contains(".Values.global." + name + " ");
        }
    }

    @Test
    void everyValueATemplateUsesIsDeclaredInValuesYaml() throws Exception {
        Matcher uses = Pattern.compile("\\.Values((?:\\.[A-Za-z0-9_]+)+)").matcher(allTemplates());
        Set<String> paths = new LinkedHashSet<>();
        while (uses.find()) {
            paths.add(uses.group(1).substring(1));
        }
        assertThat(paths).isNotEmpty();
        for (String path : paths) {
            String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : null;
            Map<String, Object> container = parent == null ? AgentChart.defaultValues() : at(AgentChart.defaultValues(), parent);
            assertThat(container).as("values.yaml declares %s", path).isNotNull()
                    .containsKey(path.substring(path.lastIndexOf('.') + 1));
        }
    }

    @Test
    void theClusterRoleAllowsMetadataConfigurationSyncAndImpersonation() {
        List<Map<String, Object>> docs = AgentChart.example();
        ClusterRole role = DeployFiles.typed(only(docs, "ClusterRole", "mooring-agent"), ClusterRole.class);
        List<PolicyRule> rules = role.getRules();
        assertThat(allows(rules, "", "nodes", "list")).isTrue();
        assertThat(allows(rules, "", "namespaces", "get")).isTrue();
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.getNonResourceURLs()).contains("/version");
            assertThat(rule.getVerbs()).contains("get");
        });
        // ConfigurationSync creates or updates, and deletes, ConfigMaps and Secrets in operator namespaces.
        for (String resource : List.of("configmaps", "secrets")) {
            for (String verb : List.of("get", "create", "update", "patch", "delete")) {
                assertThat(allows(rules, "", resource, verb)).as("%s %s", verb, resource).isTrue();
            }
        }
        for (String resource : List.of("users", "groups", "serviceaccounts")) {
            assertThat(allows(rules, "", resource, "impersonate")).as("impersonate %s", resource).isTrue();
        }
        assertThat(allows(rules, "authentication.k8s.io", "uids", "impersonate")).isTrue();
        assertThat(rules.stream().flatMap(r -> r.getResources().stream())).anyMatch(r -> r.startsWith("userextras/"));
        // Nothing beyond that: no wildcards.
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.getVerbs()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*");
        });

        Map<String, Object> binding = only(docs, "ClusterRoleBinding", "mooring-agent");
        assertThat((String) at(binding, "roleRef.name")).isEqualTo("mooring-agent");
        Map<String, Object> deployment = only(docs, "Deployment", "mooring-agent");
        assertThat(list(binding, "subjects")).containsExactly(Map.of("kind", "ServiceAccount",
                "name", at(deployment, "spec.template.spec.serviceAccountName"), "namespace", AgentChart.NAMESPACE));
        only(docs, "ServiceAccount", (String) at(deployment, "spec.template.spec.serviceAccountName"));
    }

    @Test
    void theAgentRunsNonRootOnAReadOnlyFileSystemWithItsIdentityOnAPersistentVolume() {
        List<Map<String, Object>> docs = AgentChart.example();
        Map<String, Object> deployment = only(docs, "Deployment", "mooring-agent");
        DeployFiles.typed(deployment, io.fabric8.kubernetes.api.model.apps.Deployment.class);
        Map<String, Object> pod = at(deployment, "spec.template.spec");
        assertThat((Boolean) at(pod, "securityContext.runAsNonRoot")).isTrue();
        assertThat((Integer) at(pod, "securityContext.runAsUser")).isPositive();
        Map<String, Object> container = list(pod, "containers").getFirst();
        assertThat((Boolean) at(container, "securityContext.readOnlyRootFilesystem")).isTrue();
        assertThat((Boolean) at(container, "securityContext.allowPrivilegeEscalation")).isFalse();
        assertThat((List<String>) at(container, "securityContext.capabilities.drop")).containsExactly("ALL");
        assertThat((String) at(deployment, "spec.strategy.type")).isEqualTo("Recreate");
        assertThat((Integer) at(deployment, "spec.replicas")).isEqualTo(1);

        Map<String, Map<String, Object>> env = byName(list(container, "env"));
        Map<String, Map<String, Object>> volumes = byName(list(pod, "volumes"));
        Map<String, Map<String, Object>> mounts = byName(list(container, "volumeMounts"));
        // The state directory is the mount of a PersistentVolumeClaim the chart creates (not an emptyDir).
        String stateDir = (String) env.get("MOORING_STATE_DIR").get("value");
        String identityVolume = mounts.values().stream().filter(m -> stateDir.equals(m.get("mountPath")))
                .map(m -> (String) m.get("name")).findFirst().orElseThrow();
        String claim = at(volumes.get(identityVolume), "persistentVolumeClaim.claimName");
        assertThat(claim).isNotNull();
        only(docs, "PersistentVolumeClaim", claim);
        // The onboarding key and the proxy CA are files from the chart's Secret, at the paths the env names.
        Map<String, Object> secret = only(docs, "Secret", "mooring-agent-onboarding");
        for (String variable : List.of("MOORING_ONBOARDING_PRIVATE_KEY_FILE", "MOORING_PROXY_CERT_FILE")) {
            String file = (String) env.get(variable).get("value");
            Map<String, Object> mount = mounts.values().stream()
                    .filter(m -> file.startsWith(m.get("mountPath") + "/")).findFirst().orElseThrow();
            assertThat((String) at(volumes.get(mount.get("name")), "secret.secretName")).isEqualTo("mooring-agent-onboarding");
            assertThat((Map<String, Object>) secret.get("data")).containsKey(file.substring(file.lastIndexOf('/') + 1));
        }
        assertThat(env).doesNotContainKeys("MOORING_ONBOARDING_PRIVATE_KEY", "MOORING_PROXY_CERT");
        assertThat((String) container.get("image")).isEqualTo("registry.example.com/mooring/agent:0.1.0");
    }

    @Test
    void valuesBecomeTheEnvironmentAndProxySettingsAppearOnlyWhenSet() {
        Map<String, Object> example = AgentChart.exampleValues();
        Map<String, Map<String, Object>> env = env(DeployFiles.documents(AgentChart.render(example)));
        Map<String, Object> global = at(example, "global");
        assertThat(env.get("MOORING_SUBSCRIPTION_ID").get("value")).isEqualTo(global.get("subscriptionId"));
        assertThat(env.get("MOORING_RESOURCE_GROUP").get("value")).isEqualTo(global.get("resourceGroupName"));
        assertThat(env.get("MOORING_RESOURCE_NAME").get("value")).isEqualTo(global.get("resourceName"));
        assertThat(env.get("MOORING_LOCATION").get("value")).isEqualTo(global.get("location"));
        assertThat(env.get("MOORING_TENANT_ID").get("value")).isEqualTo(global.get("tenantId"));
        assertThat(env.get("HTTPS_PROXY").get("value")).isEqualTo(global.get("httpsProxy"));
        assertThat(env.get("HTTP_PROXY").get("value")).isEqualTo(global.get("httpProxy"));
        assertThat(env.get("NO_PROXY").get("value")).isEqualTo(global.get("noProxy"));
        assertThat(env.get("MOORING_DATA_PLANE_URL").get("value")).isEqualTo(at(example, "mooring.dataPlaneUrl"));
        Map<String, Object> secret = only(DeployFiles.documents(AgentChart.render(example)), "Secret", "mooring-agent-onboarding");
        assertThat(new String(Base64.getDecoder().decode((String) ((Map<String, Object>) secret.get("data")).get("private-key.pem"))))
                .isEqualTo(global.get("onboardingPrivateKey"));
        assertThat(new String(Base64.getDecoder().decode((String) ((Map<String, Object>) secret.get("data")).get("proxy-cert.pem"))))
                .isEqualTo(global.get("proxyCert"));

        Map<String, Object> withoutProxy = AgentChart.merged(example, Map.of("global", Map.of("httpsProxy", "",
                "httpProxy", "", "noProxy", "", "proxyCert", "")));
        List<Map<String, Object>> plain = DeployFiles.documents(AgentChart.render(withoutProxy));
        assertThat(env(plain)).doesNotContainKeys("HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "MOORING_PROXY_CERT_FILE")
                .containsKeys("MOORING_SUBSCRIPTION_ID", "MOORING_ONBOARDING_PRIVATE_KEY_FILE");
        assertThat((Map<String, Object>) only(plain, "Secret", "mooring-agent-onboarding").get("data"))
                .containsOnlyKeys("private-key.pem");
    }

    @Test
    void theCheckerRefusesTemplateConstructsItDoesNotUnderstand() {
        Map<String, Object> release = Map.of("Name", "r", "Namespace", "n");
        assertThatThrownBy(() -> HelmTemplates.render("a: {{ .Values.x | upper }}", Map.of("x", "y"), release, Map.of()))
                .hasMessageContaining("upper");
        assertThatThrownBy(() -> HelmTemplates.render("{{ include \"x\" . }}", Map.of(), release, Map.of()))
                .hasMessageContaining("include");
        assertThatThrownBy(() -> HelmTemplates.render("a: {{ .Values.missing }}", Map.of(), release, Map.of()))
                .hasMessageContaining("no value");
        assertThat(HelmTemplates.render("a:\n  {{- if .Values.on }}\n  b: {{ .Values.v | quote }}\n  {{- end }}\nc: 1",
                Map.of("on", true, "v", "x\"y\n"), release, Map.of())).isEqualTo("a:\n  b: \"x\\\"y\\n\"\nc: 1");
        assertThat(HelmTemplates.render("a:\n  {{- if .Values.on }}\n  b: 2\n  {{- end }}\nc: 1",
                Map.of("on", ""), release, Map.of())).isEqualTo("a:\nc: 1");
    }

    private static Map<String, Map<String, Object>> env(List<Map<String, Object>> docs) {
        Map<String, Object> deployment = only(docs, "Deployment", "mooring-agent");
        return byName(list(list(deployment, "spec.template.spec.containers").getFirst(), "env"));
    }

    private static boolean allows(List<PolicyRule> rules, String group, String resource, String verb) {
        return rules.stream().anyMatch(rule -> rule.getApiGroups().contains(group) && rule.getResources().contains(resource)
                && rule.getVerbs().contains(verb));
    }

    private static String allTemplates() throws Exception {
        StringBuilder all = new StringBuilder();
        for (var template : AgentChart.templates()) {
            all.append(Files.readString(template)).append('\n');
        }
        return all.toString();
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> docs) {
        return docs.stream().sorted(Comparator.comparing((Map<String, Object> d) -> (String) d.get("kind"))
                .thenComparing(d -> (String) at(d, "metadata.name"))).collect(Collectors.toList());
    }

}
