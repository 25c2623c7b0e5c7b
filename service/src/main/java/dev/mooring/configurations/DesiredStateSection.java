package dev.mooring.configurations;

import dev.mooring.clusters.ClusterReference;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A section a feature contributes to the desired-state document a cluster's agent fetches from the data plane
 * ({@code GET .../configurations}, beside {@code configurations}), with its status reports and removal
 * acknowledgements ({@code POST .../{section}/{name}/status|removed}). Every section shares the cluster's one
 * version (the ETag and long-poll): a feature calls {@link DesiredStateVersions#changed} in the transaction that
 * changes what it delivers. Implementations are Spring beans; the data plane has authenticated the caller as the
 * cluster's own agent before any method here runs.
 */
public interface DesiredStateSection {

    /** One entry of a section as the agent sees it. Its {@code toString} must never print secrets. */
    interface Entry {

        /** The entry's name, unique in its section on the cluster. */
        String name();
    }

    /** The section's name in the document and in the report paths, e.g. {@code extensions}. */
    String name();

    /**
     * The cluster's entries, protected settings decrypted (they go to the cluster's own agent only). Runs in the
     * delivery's transaction: mark protected settings fetched here so their retention clock starts.
     */
    List<? extends Entry> entries(ClusterReference cluster);

    /**
     * The agent's status report about entry {@code name}; the section reads and validates the body (an
     * {@code ArmException} answers 400 or 404). Not a user write: it leaves the version alone.
     */
    void report(ClusterReference cluster, String name, JsonNode report);

    /** The agent has removed entry {@code name} (being deleted) from the cluster. */
    void removed(ClusterReference cluster, String name);
}
