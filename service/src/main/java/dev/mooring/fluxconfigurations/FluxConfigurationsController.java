package dev.mooring.fluxconfigurations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmContext;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.Guids;
import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.arm.paging.Paging;
import dev.mooring.clusters.ClusterReference;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code {clusterId}/providers/Microsoft.KubernetesConfiguration/fluxConfigurations[/{name}]}: the resource
 * {@code az k8s-configuration flux} drives. Access inherits from the cluster's scope (the request path).
 */
@RestController
class FluxConfigurationsController {

    private static final String CLUSTER = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
            + "/providers/{clusterRp}/{clusterResourceName}/{clusterName}";
    private static final String COLLECTION = CLUSTER + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations";
    private static final String ITEM = COLLECTION + "/{fluxConfigurationName}";

    private final FluxConfigurations configurations;
    private final AsyncOperations operations;

    FluxConfigurationsController(FluxConfigurations configurations, AsyncOperations operations) {
        this.configurations = configurations;
        this.operations = operations;
    }

    @PutMapping(ITEM)
    @ArmOperation(resourceType = FluxApiVersions.FLUX_CONFIGURATIONS, actions = ArmAction.FLUX_CONFIGURATIONS_WRITE)
    ResponseEntity<FluxWireModel.View> put(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String fluxConfigurationName, @RequestBody(required = false) JsonNode body,
            ArmContext context) {
        ClusterReference cluster = configurations.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        FluxWireModel model = FluxApiVersions.model(context.apiVersion());
        FluxConfigurations.Written written = configurations.put(cluster, fluxConfigurationName, model, body, context);
        FluxConfigurations.Located located = written.located();
        return ResponseEntity.status(located.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .headers(operations.followHeaders(written.operation(), AsyncOperations.Follow.CREATED, context))
                .body(model.view(located.configuration(), located.resourceId()));
    }

    @PatchMapping(ITEM)
    @ArmOperation(resourceType = FluxApiVersions.FLUX_CONFIGURATIONS, actions = ArmAction.FLUX_CONFIGURATIONS_WRITE)
    ResponseEntity<Void> patch(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String fluxConfigurationName, @RequestBody(required = false) JsonNode body,
            ArmContext context) {
        ClusterReference cluster = configurations.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        FluxConfigurations.Written written = configurations.patch(cluster, fluxConfigurationName,
                FluxApiVersions.model(context.apiVersion()), body, context);
        return ResponseEntity.accepted()
                .headers(operations.followHeaders(written.operation(), AsyncOperations.Follow.ACCEPTED, context)).build();
    }

    @GetMapping(ITEM)
    @ArmOperation(resourceType = FluxApiVersions.FLUX_CONFIGURATIONS, actions = ArmAction.FLUX_CONFIGURATIONS_READ)
    FluxWireModel.View get(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String fluxConfigurationName, ArmContext context) {
        ClusterReference cluster = configurations.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        FluxConfigurations.Located located = configurations.get(cluster, fluxConfigurationName);
        return FluxApiVersions.model(context.apiVersion()).view(located.configuration(), located.resourceId());
    }

    @GetMapping(COLLECTION)
    @ArmOperation(resourceType = FluxApiVersions.FLUX_CONFIGURATIONS, actions = ArmAction.FLUX_CONFIGURATIONS_READ)
    Paging.Page<FluxWireModel.View> list(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            ArmContext context) {
        ClusterReference cluster = configurations.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        FluxWireModel model = FluxApiVersions.model(context.apiVersion());
        return configurations.list(cluster, located -> model.view(located.configuration(), located.resourceId()), context);
    }

    @DeleteMapping(ITEM)
    @ArmOperation(resourceType = FluxApiVersions.FLUX_CONFIGURATIONS, actions = ArmAction.FLUX_CONFIGURATIONS_DELETE)
    ResponseEntity<Void> delete(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String fluxConfigurationName, @RequestParam(required = false) String forceDelete,
            ArmContext context) {
        ClusterReference cluster = configurations.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        FluxConfigurations.Deletion deletion = configurations.delete(cluster, fluxConfigurationName,
                force(forceDelete), context);
        if (deletion.operation().isPresent()) {
            return ResponseEntity.accepted().headers(operations.followHeaders(deletion.operation().get(),
                    AsyncOperations.Follow.ACCEPTED, context)).build();
        }
        return deletion.existed() ? ResponseEntity.ok().build() : ResponseEntity.noContent().build();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OperationStatus(String id, String name, String status, Map<String, Object> properties, ArmError error) {
    }

    /** FluxConfigOperationStatus_Get: an operation started on this configuration. */
    @GetMapping(ITEM + "/operations/{operationId}")
    @ArmOperation(resourceType = FluxApiVersions.FLUX_CONFIGURATIONS,
            actions = ArmAction.FLUX_CONFIGURATION_OPERATIONS_READ)
    OperationStatus operation(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String fluxConfigurationName, @PathVariable String operationId, ArmContext context) {
        ClusterReference cluster = configurations.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        String resourceId = FluxConfigurations.resourceId(cluster, fluxConfigurationName);
        return java.util.Optional.ofNullable(Guids.parse(operationId)).flatMap(id -> operations.findOn(resourceId, id))
                .map(op -> new OperationStatus(resourceId + "/operations/" + op.id(), op.id().toString(), op.status(),
                        Map.of(), op.error()))
                .orElseThrow(() -> ArmException.notFound("OperationNotFound", "The operation '"
                        + Bounded.text(operationId) + "' was not found on the flux configuration."));
    }

    private static boolean force(String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ArmException.badRequest("InvalidParameter", "The query parameter 'forceDelete' must be true or false.",
                "forceDelete");
    }
}
