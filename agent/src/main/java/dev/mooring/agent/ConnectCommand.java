package dev.mooring.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code connect}: connects simulated clusters to a Mooring in one command, for trying it out. It creates each
 * cluster through ARM as {@code az connectedk8s connect} does (resource group and provider registration
 * included), then runs a stand-alone agent for each ({@code --kubernetes none}: heartbeats with the given facts,
 * configuration reports, cluster connect answered by the built-in API), prints each cluster once ARM reads it
 * Connected, and keeps the agents running until the process stops.
 *
 * <p>Options: {@code --name} (default my-cluster), {@code --clusters N} (default 1; more than one are named
 * {@code {name}-1} ... {@code {name}-N}), {@code --resource-group} (default demo), {@code --state-dir} (default
 * .mooring/agents: each agent's identity, so that running the command again reconnects the same clusters),
 * {@code --kubernetes-version}, {@code --nodes}, {@code --cores}, and the simulator's {@code --arm},
 * {@code --token}, {@code --subscription}, {@code --location}, {@code --data-plane}.
 */
final class ConnectCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECTED_WITHIN = Duration.ofSeconds(60);

    private ConnectCommand() {
    }

    static void main(String[] args) throws Exception {
        try {
            connect(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("connect: " + e.getMessage() + (e.getCause() == null ? ""
                    : " (" + Failures.describe(e.getCause()) + ")"));
            System.exit(1);
        }
    }

    private static void connect(String[] args) throws Exception {
        Map<String, String> flags = new LinkedHashMap<>(Flags.parse(args));
        String name = flags.getOrDefault("name", "my-cluster");
        int count = Integer.parseInt(flags.getOrDefault("clusters", "1"));
        Path stateDirectory = Path.of(flags.getOrDefault("state-dir", ".mooring/agents"));
        ClusterFacts.Facts facts = new ClusterFacts.Facts(flags.getOrDefault("kubernetes-version", "v1.31.0"),
                Integer.valueOf(flags.getOrDefault("nodes", "3")), Integer.valueOf(flags.getOrDefault("cores", "12")));
        flags.putIfAbsent("resource-group", "demo");
        Simulator.Options options = Simulator.Options.parse(flags);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Simulator.prepareResourceGroup(http, options);

        List<Thread> agents = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String cluster = count == 1 ? name : name + "-" + i;
            AgentSettings settings = settings(http, options, cluster, stateDirectory.resolve(options.subscription())
                    .resolve(options.resourceGroup()).resolve(cluster), facts);
            agents.add(Thread.ofPlatform().name("agent-" + cluster).start(() -> {
                try {
                    Main.runStandAlone(settings, new MooringClient(settings), cluster);
                } catch (Exception e) {
                    System.err.println(cluster + ": the agent stopped: " + Failures.describe(e));
                }
            }));
            names.add(cluster);
        }
        for (String cluster : names) {
            System.out.println(awaitConnected(http, options, cluster));
        }
        System.out.println("The agents keep the clusters Connected until this process stops (Ctrl+C).");
        for (Thread agent : agents) {
            agent.join();
        }
    }

    /**
     * The agent settings for {@code cluster}: a new cluster (and a fresh onboarding key) unless it exists already
     * and {@code state} holds the identity of its agent from an earlier run.
     */
    private static AgentSettings settings(HttpClient http, Simulator.Options options, String cluster, Path state,
            ClusterFacts.Facts facts) throws Exception {
        Path onboardingKey = state.resolve("onboarding.pem");
        boolean exists = get(http, options, cluster).statusCode() == 200;
        if (exists && AgentIdentity.load(state).isPresent() && Files.exists(onboardingKey)) {
            return new AgentSettings(options.subscription(), options.resourceGroup(), cluster, options.location(), null,
                    Files.readString(onboardingKey), options.dataPlane(), state, null, null, null, null,
                    facts.kubernetesVersion(), facts.totalNodeCount(), facts.totalCoreCount());
        }
        if (exists) {
            throw new IllegalStateException("Connected cluster " + cluster + " exists already and " + state
                    + " holds no agent identity for it: delete it, or choose another --name");
        }
        deleteRecursively(state);
        AgentSettings settings = Simulator.createCluster(http, options, cluster, "generic", state, facts);
        Files.createDirectories(state);
        Files.writeString(onboardingKey, settings.onboardingPrivateKey());
        return settings;
    }

    private static String awaitConnected(HttpClient http, Simulator.Options options, String cluster) throws Exception {
        Instant deadline = Instant.now().plus(CONNECTED_WITHIN);
        JsonNode properties = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> answer = get(http, options, cluster);
            properties = answer.statusCode() == 200 ? JSON.readTree(answer.body()).get("properties") : null;
            if (properties != null && "Connected".equals(properties.path("connectivityStatus").asString(null))) {
                return cluster + ": Connected (Kubernetes " + properties.path("kubernetesVersion").asString("?") + ", "
                        + properties.path("totalNodeCount").asInt() + " nodes, " + properties.path("totalCoreCount").asInt()
                        + " cores)";
            }
            Thread.sleep(500);
        }
        return cluster + ": not Connected after " + CONNECTED_WITHIN.toSeconds() + "s (connectivityStatus "
                + (properties == null ? "unknown" : properties.path("connectivityStatus").asString("unknown"))
                + "); the agent's log above says why";
    }

    private static HttpResponse<String> get(HttpClient http, Simulator.Options options, String cluster) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(Simulator.clusterUrl(options, cluster)))
                .header("Authorization", "Bearer " + options.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteRecursively(Path directory) throws java.io.IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
