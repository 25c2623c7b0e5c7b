package dev.mooring.extensions;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmContext;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.arm.paging.Paging;
import dev.mooring.arm.pipeline.ArmRequest;
import dev.mooring.clusters.ClusterReference;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
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
 * {@code {clusterId}/providers/Microsoft.KubernetesConfiguration/extensions[/{name}]}: the resource
 * {@code az k8s-extension} drives. Access inherits from the cluster's scope (the request path). Every write is
 * long-running: callers follow the extension's own operation ({@code .../extensions/{name}/operations/{id}}).
 */
@RestController
class ExtensionsController {

    private static final String CLUSTER = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
            + "/providers/{clusterRp}/{clusterResourceName}/{clusterName}";
    private static final String COLLECTION = CLUSTER + "/providers/Microsoft.KubernetesConfiguration/extensions";
    private static final String ITEM = COLLECTION + "/{extensionName}";
    static final String AZURE_ASYNC_OPERATION = "Azure-AsyncOperation";

    private final Extensions extensions;
    private final AsyncOperations operations;

    ExtensionsController(Extensions extensions, AsyncOperations operations) {
        this.extensions = extensions;
        this.operations = operations;
    }

    @PutMapping(ITEM)
    @ArmOperation(resourceType = ExtensionApiVersions.EXTENSIONS, actions = ArmAction.EXTENSIONS_WRITE)
    ResponseEntity<Object> put(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String extensionName, @RequestBody(required = false) JsonNode body, ArmContext context) {
        ClusterReference cluster = extensions.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        ExtensionWireModel model = ExtensionApiVersions.model(context.apiVersion());
        Extensions.requireValidName(extensionName);
        Extensions.Located located = extensions.put(cluster, extensionName, model.readPut(body, extensionName), context);
        return ResponseEntity.status(located.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .headers(follow(located, AsyncOperations.Follow.CREATED, context))
                .body(model.view(located.extension(), located.resourceId()));
    }

    @PatchMapping(ITEM)
    @ArmOperation(resourceType = ExtensionApiVersions.EXTENSIONS, actions = ArmAction.EXTENSIONS_WRITE)
    ResponseEntity<Object> patch(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String extensionName, @RequestBody(required = false) JsonNode body, ArmContext context) {
        ClusterReference cluster = extensions.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        ExtensionWireModel model = ExtensionApiVersions.model(context.apiVersion());
        Extensions.Located located = extensions.patch(cluster, extensionName, stored -> model.readPatch(body, stored),
                context);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .headers(follow(located, AsyncOperations.Follow.ACCEPTED, context))
                .body(model.view(located.extension(), located.resourceId()));
    }

    @GetMapping(ITEM)
    @ArmOperation(resourceType = ExtensionApiVersions.EXTENSIONS, actions = ArmAction.EXTENSIONS_READ)
    Object get(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String extensionName, ArmContext context) {
        ClusterReference cluster = extensions.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        Extensions.Located located = extensions.get(cluster, extensionName);
        return ExtensionApiVersions.model(context.apiVersion()).view(located.extension(), located.resourceId());
    }

    @GetMapping(COLLECTION)
    @ArmOperation(resourceType = ExtensionApiVersions.EXTENSIONS, actions = ArmAction.EXTENSIONS_READ)
    Paging.Page<Object> list(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            ArmContext context) {
        ClusterReference cluster = extensions.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        ExtensionWireModel model = ExtensionApiVersions.model(context.apiVersion());
        return extensions.list(cluster, located -> model.view(located.extension(), located.resourceId()), context);
    }

    @DeleteMapping(ITEM)
    @ArmOperation(resourceType = ExtensionApiVersions.EXTENSIONS, actions = ArmAction.EXTENSIONS_DELETE)
    ResponseEntity<Void> delete(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String extensionName,
            @RequestParam(name = "forceDelete", required = false) String forceDelete, ArmContext context) {
        ClusterReference cluster = extensions.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        Extensions.Deletion deletion = extensions.delete(cluster, extensionName, flag(forceDelete), context);
        if (!deletion.existed()) {
            return ResponseEntity.noContent().build();
        }
        if (deletion.operation() == null) {
            return ResponseEntity.ok().build();
        }
        return ResponseEntity.accepted().headers(follow(deletion.operation(),
                Extensions.Located.resourceId(cluster, extensionName), AsyncOperations.Follow.ACCEPTED, context)).build();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OperationStatus(String id, String name, String status, Map<String, String> properties, ArmError error) {
    }

    /** The extension's own operation status (OperationStatus_Get): 200 with the status, while running and after. */
    @GetMapping(ITEM + "/operations/{operationId}")
    @ArmOperation(resourceType = ExtensionApiVersions.EXTENSION_OPERATIONS, actions = ArmAction.EXTENSIONS_OPERATIONS_READ)
    ResponseEntity<OperationStatus> operation(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterRp, @PathVariable String clusterResourceName, @PathVariable String clusterName,
            @PathVariable String extensionName, @PathVariable String operationId, ArmContext context) {
        ClusterReference cluster = extensions.cluster(UUID.fromString(subscriptionId), resourceGroupName, clusterRp,
                clusterResourceName, clusterName);
        String resourceId = Extensions.Located.resourceId(cluster, extensionName);
        AsyncOperation operation = parse(operationId).flatMap(id -> operations.findOn(resourceId, id))
                .orElseThrow(() -> ArmException.notFound("OperationNotFound", "The operation '"
                        + Bounded.text(operationId) + "' was not found on extension '" + Bounded.text(extensionName) + "'."));
        OperationStatus status = new OperationStatus(resourceId + "/operations/" + operation.id(),
                operation.id().toString(), operation.status(), Map.of(), operation.error());
        return operation.isTerminal() ? ResponseEntity.ok(status) : ResponseEntity.ok()
                .headers(operations.followHeaders(operation, AsyncOperations.Follow.STATUS_PENDING, context)).body(status);
    }

    private HttpHeaders follow(Extensions.Located located, AsyncOperations.Follow kind, ArmContext context) {
        return follow(located.operation(), located.resourceId(), kind, context);
    }

    /** The operation's follow headers, its status at the extension's own operations URL (as Arc answers). */
    private HttpHeaders follow(AsyncOperation operation, String resourceId, AsyncOperations.Follow kind,
            ArmContext context) {
        HttpHeaders headers = operations.followHeaders(operation, kind, context);
        headers.set(AZURE_ASYNC_OPERATION, context.publicUrl(resourceId + "/operations/" + operation.id())
                .queryParam(ArmRequest.API_VERSION, context.apiVersion()).build().toUriString());
        return headers;
    }

    private static boolean flag(String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ArmException.badRequest("InvalidParameter", "The query parameter 'forceDelete' must be true or false.",
                "forceDelete");
    }

    private static java.util.Optional<UUID> parse(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
