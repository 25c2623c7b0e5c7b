package dev.mooring.fluxconfigurations;

import dev.mooring.arm.Bounded;
import dev.mooring.arm.JsonFields;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.clusters.ClusterReference;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flux configurations as a cluster's agent sees them, through the data plane: the desired state (with the secrets
 * open, for that agent only), status reports and removal acknowledgements. The caller has authenticated the agent
 * as the cluster's own.
 */
@Service
class FluxDelivery {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FluxConfigurationRepository repository;
    private final FluxConfigurations configurations;
    private final FluxChanges changes;
    private final AsyncOperations operations;
    private final Clock clock;

    FluxDelivery(FluxConfigurationRepository repository, FluxConfigurations configurations, FluxChanges changes,
            AsyncOperations operations, Clock clock) {
        this.repository = repository;
        this.configurations = configurations;
        this.changes = changes;
        this.operations = operations;
        this.clock = clock;
    }

    /**
     * One document per configuration: its spec with {@code name}, {@code desiredState} ("apply" or "remove") and
     * {@code secrets} (open; empty while removing). Marks the secrets fetched (their retention clock starts).
     */
    @Transactional
    List<Map<String, Object>> desired(ClusterReference cluster) {
        List<Map<String, Object>> documents = repository.allOf(cluster.id()).stream().map(c -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> document = new LinkedHashMap<>(JSON.convertValue(c.spec(), Map.class));
            document.put("name", c.name());
            document.put("desiredState", c.isDeleting() ? "remove" : "apply");
            document.put("secrets", c.isDeleting() ? Map.of() : configurations.openSecrets(c));
            return document;
        }).toList();
        repository.markFetched(cluster.id(), clock.instant());
        return documents;
    }

    /** What the agent reports about one configuration; not a user write, so the agent is not woken by it. */
    @Transactional
    void report(ClusterReference cluster, String name, FluxStatus status) {
        if (status == null || status.complianceState() == null) {
            throw ArmException.badRequest("InvalidRequestContent", "A status report needs a 'complianceState'.",
                    "complianceState");
        }
        FluxStatus checked = new FluxStatus(JsonFields.oneOf(status.complianceState(), FluxStatus.COMPLIANCE_STATES,
                "complianceState"), status.statuses(), status.sourceSyncedCommitId(), status.sourceUpdatedAt(),
                status.repositoryPublicKey(), status.errorMessage());
        find(cluster, name).report(checked, clock.instant());
    }

    /** The agent removed the configuration's objects: it goes, and its delete operation completes. */
    @Transactional
    void removed(ClusterReference cluster, String name) {
        FluxConfiguration configuration = find(cluster, name);
        if (!configuration.isDeleting()) {
            throw ArmException.badRequest("InvalidRequestContent", "The flux configuration '" + Bounded.text(name)
                    + "' is not being deleted.", null);
        }
        repository.delete(configuration);
        changes.changed(cluster.id());
        operations.completeNow(FluxConfigurations.resourceId(cluster, configuration.name()), 200);
    }

    private FluxConfiguration find(ClusterReference cluster, String name) {
        return repository.findById(FluxConfiguration.Key.of(cluster.id(), name)).orElseThrow(() -> ArmException.notFound(
                "ConfigurationNotFound", "The cluster has no flux configuration '" + Bounded.text(name) + "'."));
    }
}
