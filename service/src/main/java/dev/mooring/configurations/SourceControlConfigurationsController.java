package dev.mooring.configurations;

import dev.mooring.arm.ArmContext;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.pipeline.ArmRequest;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.paging.Paging;
import dev.mooring.clusters.ClusterReference;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code {clusterId}/providers/Microsoft.KubernetesConfiguration/sourceControlConfigurations[/{name}]}: the
 * resource {@code az k8s-configuration} drives. Access inherits from the cluster's scope (the request path).
 */
@RestController
class SourceControlConfigurationsController {

    private static final String CLUSTER = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
            + "/providers/{clusterRp}/{clusterResourceName}/{clusterName}";
    private static final String COLLECTION = CLUSTER + "/providers/Microsoft.KubernetesConfiguration/sourceControlConfigurations";
    private static final String ITEM = COLLECTION + "/{sourceControlConfigurationName}";

    private final SourceControlConfigurations configurations;
    private final AsyncOperations operations;

    SourceControlConfigurationsController(SourceControlConfigurations configurations, AsyncOperations operations) {
        this.configurations = configurations;
        this.operations = operations;
    }

    @PutMapping(ITEM)
    @ArmOperation(resourceType = ConfigurationApiVersions.SOURCE_CONTROL_CONFIGURATIONS,
            actions = ArmAction.SOURCE_CONTROL_CONFIGURATIONS_WRITE)
    ResponseEntity<Object> put(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String sourceControlConfigurationName, @RequestBody(required = false) JsonNode body,
            ArmContext context) {
        ClusterReference cluster = configurations.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        ConfigurationWireModel model = ConfigurationApiVersions.model(context.apiVersion());
        SourceControlConfigurations.Located located = configurations.put(cluster, sourceControlConfigurationName,
                model, body, context.caller());
        return ResponseEntity.status(located.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(model.view(located.configuration(), located.resourceId()));
    }

    @GetMapping(ITEM)
    @ArmOperation(resourceType = ConfigurationApiVersions.SOURCE_CONTROL_CONFIGURATIONS,
            actions = ArmAction.SOURCE_CONTROL_CONFIGURATIONS_READ)
    Object get(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String sourceControlConfigurationName, ArmContext context) {
        ClusterReference cluster = configurations.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        SourceControlConfigurations.Located located = configurations.get(cluster, sourceControlConfigurationName);
        return ConfigurationApiVersions.model(context.apiVersion()).view(located.configuration(), located.resourceId());
    }

    @GetMapping(COLLECTION)
    @ArmOperation(resourceType = ConfigurationApiVersions.SOURCE_CONTROL_CONFIGURATIONS,
            actions = ArmAction.SOURCE_CONTROL_CONFIGURATIONS_READ)
    Paging.Page<Object> list(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            ArmContext context) {
        ClusterReference cluster = configurations.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        ConfigurationWireModel model = ConfigurationApiVersions.model(context.apiVersion());
        return configurations.list(cluster, located -> model.view(located.configuration(), located.resourceId()), context);
    }

    @DeleteMapping(ITEM)
    @ArmOperation(resourceType = ConfigurationApiVersions.SOURCE_CONTROL_CONFIGURATIONS,
            actions = ArmAction.SOURCE_CONTROL_CONFIGURATIONS_DELETE)
    ResponseEntity<Void> delete(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String sourceControlConfigurationName, ArmContext context) {
        ClusterReference cluster = configurations.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        SourceControlConfigurations.Deletion deletion = configurations.delete(cluster, sourceControlConfigurationName,
                context);
        if (!deletion.found()) {
            return ResponseEntity.noContent().build();
        }
        if (deletion.waiting() == null) {
            return ResponseEntity.ok().build();
        }
        // The spec declares 200 and 204 only: the wait for the agent is followed through Azure-AsyncOperation.
        return ResponseEntity.ok().headers(operations.followHeaders(deletion.waiting(),
                AsyncOperations.Follow.DELETE_PENDING, context)).build();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OperationStatus(String id, String name, String status) {
    }

    record OperationStatusList(List<OperationStatus> value) {
    }

    /** 2023-05-01 OperationStatus_List: the operations still running on the cluster's configurations. */
    @GetMapping(CLUSTER + "/providers/Microsoft.KubernetesConfiguration/operations")
    @ArmOperation(resourceType = ConfigurationApiVersions.CLUSTER_OPERATIONS,
            actions = ArmAction.KUBERNETES_CONFIGURATION_OPERATION_STATUSES_READ)
    OperationStatusList clusterOperations(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName) {
        ClusterReference cluster = configurations.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        return new OperationStatusList(operations.runningUnder(cluster.resourceId() + "/providers/"
                        + SourceControlConfigurations.NAMESPACE + "/").stream()
                .map(op -> new OperationStatus(AsyncOperations.statusPath(op), op.id().toString(), op.status()))
                .toList());
    }
}
