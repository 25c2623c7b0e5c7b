package dev.mooring.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs the agent (settings from the environment, see {@link AgentSettings}), or with {@code simulate ...} the
 * fleet simulator ({@link Simulator}). Besides heartbeats and configuration sync the agent holds the
 * cluster-connect tunnel ({@link ClusterConnect}). The module's jar is runnable ({@code java -jar
 * mooring-agent-<version>.jar}, with its dependencies in {@code lib/} beside it); agent/Dockerfile packages it and
 * deploy/agent-chart installs it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("simulate")) {
            Simulator.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        AgentSettings settings = AgentSettings.fromEnvironment(System.getenv());
        try (KubernetesClient kubernetes = new KubernetesClientBuilder().build()) {
            Agent agent = new Agent(settings, new MooringClient(settings), ClusterFacts.fromKubernetes(kubernetes),
                    new ConfigurationSync(kubernetes), Clock.systemUTC());
            agent.ensureIdentity();
            ClusterConnect connect = agent.clusterConnect(new KubeApiForwarder(
                    ClusterConnect.apiServer(kubernetes.getConfiguration()), Duration.ofSeconds(10)),
                    System.getenv().getOrDefault("HOSTNAME", "agent"));
            Thread.ofVirtual().name("cluster-connect").start(connect::run);
            agent.run();
            connect.stop();
        }
    }
}
