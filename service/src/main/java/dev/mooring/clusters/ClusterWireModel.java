package dev.mooring.clusters;

import dev.mooring.arm.WireModels;
import tools.jackson.databind.JsonNode;

/**
 * One api-version's wire model of a connected cluster, with its explicit converters to and from the
 * internal model. A response never carries a field the version does not define; a write touches only the
 * fields the version defines.
 */
interface ClusterWireModel extends WireModels.Versioned {

    /** The cluster as this version shows it, with its derived connectivity status. */
    Object view(ConnectedCluster cluster, String connectivityStatus);

    /** A PUT body read as this version defines it. */
    ClusterSpec readPut(JsonNode body);

    /** A PATCH body read as this version defines it. */
    ClusterPatch readPatch(JsonNode body);

    /** Whether this version's PATCH is long-running (202 and an operation to follow). */
    default boolean longRunningPatch() {
        return false;
    }
}
