package dev.mooring.clusters;

import dev.mooring.secrets.SealedSecrets;
import dev.mooring.secrets.SecretBox;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Arc agentry configurations' protected settings: sealed in the cluster row (feature → settings, one
 * ciphertext bound to the cluster), opened only for the cluster's own agent, never shown by ARM nor logged.
 */
@Component
class AgentryProtectedSettings implements SealedSecrets {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Map<String, String>>> BY_FEATURE = new TypeReference<>() {
    };

    private final SecretBox box;
    private final ConnectedClusterRepository repository;

    AgentryProtectedSettings(SecretBox box, ConnectedClusterRepository repository) {
        this.box = box;
        this.repository = repository;
    }

    /**
     * Writes the protected settings of a PUT's configurations: a configuration that names protected settings
     * replaces its feature's; one that names none keeps what is stored for its feature; features no longer
     * configured lose theirs.
     */
    void write(ConnectedCluster cluster, List<ClusterSpec.AgentryConfiguration> configurations) {
        Map<String, Map<String, String>> stored = open(cluster);
        Map<String, Map<String, String>> next = new LinkedHashMap<>();
        for (ClusterSpec.AgentryConfiguration configuration : configurations == null
                ? List.<ClusterSpec.AgentryConfiguration>of() : configurations) {
            Map<String, String> settings = configuration.protectedSettings() != null
                    ? configuration.protectedSettings() : stored.get(configuration.feature());
            if (settings != null && !settings.isEmpty()) {
                next.put(configuration.feature(), settings);
            }
        }
        if (next.isEmpty()) {
            cluster.sealAgentryProtected(null);
            return;
        }
        byte[] plain = JSON.writeValueAsBytes(next);
        cluster.sealAgentryProtected(box.seal(plain, cluster.agentrySealedFor()));
        Arrays.fill(plain, (byte) 0);
    }

    /** The protected settings by feature (empty when there are none). */
    Map<String, Map<String, String>> open(ConnectedCluster cluster) {
        if (cluster.agentryProtected() == null) {
            return Map.of();
        }
        byte[] plain = box.open(cluster.agentryProtected(), cluster.agentrySealedFor());
        try {
            return JSON.readValue(plain, BY_FEATURE);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public String kind() {
        return "connected cluster Arc agentry protected settings";
    }

    @Override
    @Transactional
    public int reencrypt(SecretBox active) {
        int count = 0;
        for (ConnectedCluster cluster : repository.agentrySealedUnderOtherKeys(active.activeKeyId())) {
            byte[] plain = active.open(cluster.agentryProtected(), cluster.agentrySealedFor());
            cluster.sealAgentryProtected(active.seal(plain, cluster.agentrySealedFor()));
            Arrays.fill(plain, (byte) 0);
            count++;
        }
        return count;
    }
}
