package dev.mooring.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the agent, the {@code connect} command ({@link ConnectCommand}), with {@code simulate ...} the fleet
 * simulator ({@link Simulator}) or with {@code bench ...} the heartbeat benchmark's load generator
 * ({@link LoadBench}). The agent's settings come from the environment ({@link AgentSettings}); flags override a few
 * of them:
 * <ul>
 * <li>{@code --kubernetes none} ({@code MOORING_KUBERNETES=none}): stand-alone, for trying Mooring without a
 * cluster. The agent reports the facts below instead of reading them from a Kubernetes API, and answers
 * cluster-connect requests from a small built-in API ({@link BuiltInKubeApi}: discovery and the simulated nodes).
 * Otherwise ({@code auto}, the default) it uses the in-cluster service account or, outside a cluster, the
 * kubeconfig ({@code KUBECONFIG} or {@code ~/.kube/config}), and forwards cluster connect to that API server.</li>
 * <li>{@code --kubernetes-version v1.31.0}, {@code --nodes 3}, {@code --cores 12}
 * ({@code MOORING_KUBERNETES_VERSION}, {@code MOORING_TOTAL_NODE_COUNT}, {@code MOORING_TOTAL_CORE_COUNT}):
 * what a stand-alone agent reports.</li>
 * </ul>
 * Besides heartbeats and configuration sync the agent holds the cluster-connect tunnel ({@link ClusterConnect}).
 * The module's jar is runnable ({@code java -jar mooring-agent-<version>.jar}, with its dependencies in
 * {@code lib/} beside it); agent/Dockerfile packages it and deploy/agent-chart installs it.
 */
public final class Main {

    static final Map<String, String> FLAG_VARIABLES = Map.of("kubernetes", "MOORING_KUBERNETES",
            "kubernetes-version", "MOORING_KUBERNETES_VERSION", "nodes", "MOORING_TOTAL_NODE_COUNT",
            "cores", "MOORING_TOTAL_CORE_COUNT");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("simulate")) {
            Simulator.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench")) {
            LoadBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("connect")) {
            ConnectCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Map<String, String> env = withFlags(System.getenv(), Flags.parse(args));
        AgentSettings settings = AgentSettings.fromEnvironment(env);
        String instance = env.getOrDefault("HOSTNAME", "agent");
        if (standAlone(env)) {
            runStandAlone(settings, new MooringClient(settings), instance);
            return;
        }
        try (KubernetesClient kubernetes = new KubernetesClientBuilder().build()) {
            Agent agent = new Agent(settings, new MooringClient(settings), ClusterFacts.fromKubernetes(kubernetes),
                    new ConfigurationSync(kubernetes), Clock.systemUTC());
            agent.ensureIdentity();
            run(agent, new KubeApiForwarder(ClusterConnect.apiServer(kubernetes.getConfiguration()),
                    Duration.ofSeconds(10)), instance);
        }
    }

    /** The environment with the flags' variables set; unknown flags are refused. */
    static Map<String, String> withFlags(Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> env = new HashMap<>(environment);
        flags.forEach((flag, value) -> {
            String variable = FLAG_VARIABLES.get(flag);
            if (variable == null) {
                throw new IllegalArgumentException("Unknown option --" + flag + "; the agent takes "
                        + FLAG_VARIABLES.keySet().stream().sorted().map(name -> "--" + name).toList()
                        + " (its other settings come from the environment)");
            }
            env.put(variable, value);
        });
        return env;
    }

    static boolean standAlone(Map<String, String> env) {
        String mode = env.getOrDefault("MOORING_KUBERNETES", "auto").strip();
        if (!mode.equals("none") && !mode.equals("auto")) {
            throw new IllegalArgumentException("--kubernetes (MOORING_KUBERNETES) must be 'none' or 'auto', not '" + mode + "'");
        }
        return mode.equals("none");
    }

    /** A stand-alone agent until the process stops (or its cluster is deleted). */
    static void runStandAlone(AgentSettings settings, MooringClient mooring, String instance) throws Exception {
        ClusterFacts facts = ClusterFacts.fromSettings(settings);
        try (BuiltInKubeApi api = new BuiltInKubeApi(facts.read())) {
            Agent agent = new Agent(settings, mooring, facts, null, Clock.systemUTC());
            agent.ensureIdentity();
            run(agent, new KubeApiForwarder(api.apiServer(), Duration.ofSeconds(10)), instance);
        }
    }

    private static void run(Agent agent, KubeApiForwarder forwarder, String instance) {
        ClusterConnect connect = agent.clusterConnect(forwarder, instance);
        Thread.ofVirtual().name("cluster-connect").start(connect::run);
        agent.run();
        connect.stop();
    }
}
