package dev.mooring.clusters;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.Guids;
import dev.mooring.tenancy.TaggedResources;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Connected clusters' tags through the tags resource. */
@Component
class ClusterTags implements TaggedResources {

    private static final Pattern CLUSTER = Pattern.compile("^/subscriptions/([^/]+)/resourcegroups/([^/]+)/providers/"
            + "microsoft\\.kubernetes/connectedclusters/([^/]+)$", Pattern.CASE_INSENSITIVE);

    private final ConnectedClusters clusters;
    private final ConnectedClusterRepository repository;

    ClusterTags(ConnectedClusters clusters, ConnectedClusterRepository repository) {
        this.clusters = clusters;
        this.repository = repository;
    }

    @Override
    public Optional<Map<String, String>> tagsAt(String scope) {
        Matcher cluster = CLUSTER.matcher(scope);
        if (!cluster.matches() || Guids.parse(cluster.group(1)) == null) {
            return Optional.empty();
        }
        return repository.findById(ConnectedCluster.Key.of(UUID.fromString(cluster.group(1)), cluster.group(2),
                cluster.group(3))).map(ConnectedCluster::tags);
    }

    @Override
    public Map<String, String> replaceTagsAt(String scope, Map<String, String> tags, ArmContext context) {
        Matcher cluster = CLUSTER.matcher(scope);
        if (!cluster.matches()) {
            throw new IllegalArgumentException("Not a connected cluster: " + scope);
        }
        return clusters.replaceTags(UUID.fromString(cluster.group(1)), cluster.group(2), cluster.group(3), tags, context)
                .tags();
    }
}
