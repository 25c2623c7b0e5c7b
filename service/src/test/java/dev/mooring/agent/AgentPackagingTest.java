package dev.mooring.agent;

import static dev.mooring.deploy.DeployFiles.at;
import static dev.mooring.deploy.DeployFiles.byName;
import static dev.mooring.deploy.DeployFiles.list;
import static dev.mooring.deploy.DeployFiles.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.deploy.AgentChart;
import dev.mooring.deploy.DeployFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as the chart (deploy/agent-chart) and its image (agent/Dockerfile) run it: the environment the chart
 * sets is exactly what {@link AgentSettings} reads, and the liveness check both use understands the file the
 * heartbeat loop writes.
 */
@SuppressWarnings("unchecked")
class AgentPackagingTest {

    /** Variables the chart may set that the agent does not read itself (the JVM reads these). */
    private static final Set<String> FOR_THE_JVM = Set.of("JAVA_TOOL_OPTIONS");

    @Test
    void theChartSetsOnlyVariablesTheAgentReadsAndTheAgentStartsFromThem(@TempDir Path files) throws Exception {
        List<Map<String, Object>> docs = AgentChart.example();
        Map<String, Object> deployment = only(docs, "Deployment", "mooring-agent");
        Map<String, Object> container = list(deployment, "spec.template.spec.containers").getFirst();
        Map<String, String> env = new HashMap<>();
        byName(list(container, "env")).forEach((name, variable) -> env.put(name, (String) variable.get("value")));

        // Files the env points at come from the Secret the pod mounts: put them where the env says (under files/).
        Map<String, Object> data = (Map<String, Object>) only(docs, "Secret", "mooring-agent-onboarding").get("data");
        for (String variable : List.of("MOORING_ONBOARDING_PRIVATE_KEY_FILE", "MOORING_PROXY_CERT_FILE")) {
            Path file = files.resolve(env.get(variable).substring(1));
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) data.get(file.getFileName().toString())));
            env.put(variable, file.toString());
        }

        Set<String> read = new LinkedHashSet<>();
        Map<String, String> recording = new HashMap<>(env) {
            @Override
            public String get(Object key) {
                read.add((String) key);
                return super.get(key);
            }

            @Override
            public boolean containsKey(Object key) {
                read.add((String) key);
                return super.containsKey(key);
            }

            @Override
            public String getOrDefault(Object key, String defaultValue) {
                read.add((String) key);
                return super.getOrDefault(key, defaultValue);
            }
        };
        AgentSettings settings = AgentSettings.fromEnvironment(recording);
        Set<String> unread = new LinkedHashSet<>(env.keySet());
        unread.removeAll(read);
        unread.removeAll(FOR_THE_JVM);
        assertThat(unread).as("variables the chart sets but the agent never reads").isEmpty();

        Map<String, Object> global = at(AgentChart.exampleValues(), "global");
        assertThat(settings.clusterResourceId()).isEqualTo("/subscriptions/" + global.get("subscriptionId")
                + "/resourceGroups/" + global.get("resourceGroupName") + "/providers/Microsoft.Kubernetes/connectedClusters/"
                + global.get("resourceName"));
        assertThat(settings.location()).isEqualTo(global.get("location"));
        assertThat(settings.tenantId()).isEqualTo(global.get("tenantId"));
        assertThat(settings.onboardingPrivateKey()).isEqualTo(global.get("onboardingPrivateKey"));
        assertThat(settings.proxyCertificate()).isEqualTo(global.get("proxyCert"));
        assertThat(settings.httpsProxy()).isEqualTo(global.get("httpsProxy"));
        assertThat(settings.httpProxy()).isEqualTo(global.get("httpProxy"));
        assertThat(settings.noProxy()).isEqualTo(global.get("noProxy"));
        assertThat(settings.stateDirectory()).isEqualTo(Path.of("/var/lib/mooring-agent"));
    }

    @Test
    void theLivenessCheckPassesWhileTheHeartbeatLoopKeepsItsPromiseAndFailsOtherwise(@TempDir Path state) throws Exception {
        List<String> probe = (List<String>) at(list(only(AgentChart.example(), "Deployment", "mooring-agent"),
                "spec.template.spec.containers").getFirst(), "livenessProbe.exec.command");
        // The image's HEALTHCHECK runs the same command.
        String dockerfile = DeployFiles.read("agent/Dockerfile");
        assertThat(dockerfile).contains("CMD [\"sh\", \"-c\", \"" + probe.get(2).replace("\"", "\\\"") + "\"]");
        assertThat(probe.get(2)).contains(Agent.ALIVE_FILE);
        assertThat(dockerfile).contains("ENV MOORING_STATE_DIR=/var/lib/mooring-agent");

        assertThat(runProbe(probe, state)).as("no file yet").isNotZero();
        Map<String, String> env = new HashMap<>(Map.of("MOORING_SUBSCRIPTION_ID", "s", "MOORING_RESOURCE_GROUP", "rg",
                "MOORING_RESOURCE_NAME", "c", "MOORING_LOCATION", "eastus", "MOORING_ONBOARDING_PRIVATE_KEY", "k",
                "MOORING_DATA_PLANE_URL", "https://mooring.example/dataplane/eastus", "MOORING_STATE_DIR", state.toString()));
        new Agent(AgentSettings.fromEnvironment(env), null, null, null, Clock.systemUTC()).markAlive(Duration.ofMinutes(5));
        assertThat(runProbe(probe, state)).as("promised to be back in 5 minutes").isZero();
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), java.time.ZoneOffset.UTC);
        new Agent(AgentSettings.fromEnvironment(env), null, null, null, past).markAlive(Duration.ofMinutes(5));
        assertThat(runProbe(probe, state)).as("the promise ran out 53 minutes ago").isNotZero();
    }

    private static int runProbe(List<String> command, Path state) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MOORING_STATE_DIR", state.toString());
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
