package dev.mooring.dataplane;

import dev.mooring.clusters.ClusterReference;
import java.time.Instant;

/**
 * An authenticated agent: its cluster and its certificate. A data-plane handler that takes one is reached only
 * by the agent of the cluster in its path ({@link AgentPrincipalResolver} authenticates the call).
 */
record AgentPrincipal(ClusterReference cluster, String certificateSerial, Instant certificateExpires) {
}
