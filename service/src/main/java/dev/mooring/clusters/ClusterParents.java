package dev.mooring.clusters;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.tenancy.WritableParents;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A connected cluster as the parent of extension resources (source control configurations and every later
 * type): the {@link WritableParents} rule, applied to the cluster and the group above it.
 */
@Component
public class ClusterParents {

    private final WritableParents parents;
    private final JdbcTemplate jdbc;

    ClusterParents(WritableParents parents, JdbcTemplate jdbc) {
        this.parents = parents;
        this.jdbc = jdbc;
    }

    /**
     * The cluster and its group still exist and neither is being deleted; they stay so until the calling
     * transaction ends (the rows are read {@code FOR SHARE}, group first, as deletes lock them).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void requireWritable(ClusterReference cluster) {
        ConnectedCluster.Key key = ClusterIds.parse(cluster.resourceId()).orElseThrow();
        parents.requireGroup(key.subscriptionId(), key.resourceGroupKey());
        List<String[]> rows = jdbc.query("select name, provisioning_state from connected_clusters where id = ? for share",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, cluster.id());
        if (rows.isEmpty()) {
            throw ArmException.notFound("ParentResourceNotFound", "The parent resource '" + cluster.resourceId()
                    + "' could not be found.");
        }
        WritableParents.requireNotDeleting("Microsoft.Kubernetes/connectedClusters", rows.getFirst()[0],
                rows.getFirst()[1]);
    }
}
