package dev.mooring.fluxconfigurations;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.JsonFields;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.configurations.DesiredStateSection;
import dev.mooring.configurations.DesiredStateVersions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code fluxConfigurations} section of a cluster's desired state: each configuration's spec with its secrets
 * open (for the cluster's own agent only), to apply or remove; and the agent's status reports and removal
 * acknowledgements.
 */
@Component
class FluxSection implements DesiredStateSection {

    static final String NAME = "fluxConfigurations";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One configuration as the agent applies it ({@code desiredState}: apply or remove); secrets empty while removing. */
    record DeliveredFlux(String name, String desiredState, @JsonUnwrapped FluxSpec spec, Map<String, String> secrets)
            implements Entry {

        /** Never prints the secrets. */
        @Override
        public String toString() {
            return "DeliveredFlux[" + name + ", " + desiredState + "]";
        }
    }

    private final FluxConfigurationRepository repository;
    private final FluxConfigurations configurations;
    private final DesiredStateVersions versions;
    private final AsyncOperations operations;
    private final Clock clock;

    FluxSection(FluxConfigurationRepository repository, FluxConfigurations configurations,
            DesiredStateVersions versions, AsyncOperations operations, Clock clock) {
        this.repository = repository;
        this.configurations = configurations;
        this.versions = versions;
        this.operations = operations;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Marks the secrets fetched (their retention clock starts). */
    @Override
    public List<DeliveredFlux> entries(ClusterReference cluster) {
        List<DeliveredFlux> delivered = repository.allOf(cluster.id()).stream()
                .map(c -> new DeliveredFlux(c.name(), c.isRemovalRequested() ? "remove" : "apply", c.spec(),
                        c.isRemovalRequested() ? Map.of() : configurations.openSecrets(c)))
                .toList();
        repository.markFetched(cluster.id(), clock.instant());
        return delivered;
    }

    /** What the agent reports about one configuration (a {@link FluxStatus}); not a user write. */
    @Override
    public void report(ClusterReference cluster, String name, JsonNode body) {
        FluxStatus status;
        try {
            status = body == null || !body.isObject() ? null : JSON.treeToValue(body, FluxStatus.class);
        } catch (JacksonException e) {
            throw ArmException.badRequest("InvalidRequestContent", "The status report is not a flux configuration"
                    + " status (complianceState, statuses, sourceSyncedCommitId, sourceUpdatedAt, ...).", null);
        }
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
    @Override
    public void removed(ClusterReference cluster, String name) {
        FluxConfiguration configuration = find(cluster, name);
        if (!configuration.isRemovalRequested()) {
            throw ArmException.badRequest("InvalidRequestContent", "The flux configuration '" + Bounded.text(name)
                    + "' is not being deleted.", null);
        }
        repository.delete(configuration);
        versions.changed(cluster.id());
        operations.completeNow(FluxConfigurations.resourceId(cluster, configuration.name()), 200);
    }

    private FluxConfiguration find(ClusterReference cluster, String name) {
        return repository.findById(FluxConfiguration.Key.of(cluster.id(), name)).orElseThrow(() -> ArmException.notFound(
                "ConfigurationNotFound", "The cluster has no flux configuration '" + Bounded.text(name) + "'."));
    }
}
