package dev.mooring.agent;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;

/** What the agent reports about its cluster: from the Kubernetes API when it has one, else from settings. */
interface ClusterFacts {

    record Facts(String kubernetesVersion, Integer totalNodeCount, Integer totalCoreCount) {
    }

    Facts read();

    static ClusterFacts fromKubernetes(KubernetesClient kubernetes) {
        return () -> {
            java.util.List<Node> nodes;
            try {
                nodes = kubernetes.nodes().list().getItems();
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot list the nodes at the Kubernetes API " + kubernetes.getMasterUrl()
                        + ": " + Failures.describe(e) + " (without a cluster, run the agent with --kubernetes none)", e);
            }
            int cores = 0;
            for (Node node : nodes) {
                Quantity cpu = node.getStatus() == null || node.getStatus().getCapacity() == null ? null
                        : node.getStatus().getCapacity().get("cpu");
                if (cpu != null) {
                    cores += (int) Math.ceil(Quantity.getAmountInBytes(cpu).doubleValue());
                }
            }
            return new Facts(version(kubernetes, nodes), nodes.size(), cores);
        };
    }

    /** The API server's version, or where it does not answer /version, the kubelet version the nodes report. */
    private static String version(KubernetesClient kubernetes, java.util.List<Node> nodes) {
        try {
            var info = kubernetes.getKubernetesVersion();
            if (info != null && info.getGitVersion() != null) {
                return info.getGitVersion();
            }
        } catch (RuntimeException unavailable) {
            // fall back to the nodes
        }
        return nodes.stream().map(node -> node.getStatus() == null || node.getStatus().getNodeInfo() == null ? null
                : node.getStatus().getNodeInfo().getKubeletVersion()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** A stand-alone agent's facts: from its settings, defaulting to a small three-node cluster. */
    static ClusterFacts fromSettings(AgentSettings settings) {
        Facts facts = new Facts(settings.kubernetesVersion() != null ? settings.kubernetesVersion() : "v1.31.0",
                settings.totalNodeCount() != null ? settings.totalNodeCount() : 3,
                settings.totalCoreCount() != null ? settings.totalCoreCount() : 12);
        return () -> facts;
    }
}
