package dev.mooring.clusters;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.pipeline.ArmRequest;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.paging.Paging;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code Microsoft.Kubernetes/connectedClusters}: the resource {@code az connectedk8s} and the SDKs drive. */
@RestController
class ConnectedClustersController {

    private static final String GROUP = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}";
    private static final String COLLECTION = GROUP + "/providers/Microsoft.Kubernetes/connectedClusters";
    private static final String ITEM = COLLECTION + "/{clusterName}";

    private final ConnectedClusters clusters;
    private final AsyncOperations operations;
    private final ClusterCredentials credentials;
    private final ConnectivityPolicy connectivity;

    ConnectedClustersController(ConnectedClusters clusters, AsyncOperations operations, ClusterCredentials credentials,
            ConnectivityPolicy connectivity) {
        this.clusters = clusters;
        this.operations = operations;
        this.credentials = credentials;
        this.connectivity = connectivity;
    }

    @PutMapping(ITEM)
    @ArmOperation(resourceType = ClusterApiVersions.CONNECTED_CLUSTERS, actions = ArmAction.CONNECTED_CLUSTERS_WRITE)
    ResponseEntity<Object> put(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterName, @RequestBody(required = false) JsonNode body,
            ArmContext context) {
        ClusterWireModel model = model(context);
        ConnectedClusters.Written written = clusters.put(UUID.fromString(subscriptionId), resourceGroupName, clusterName,
                model, body, context);
        HttpHeaders headers = written.operation() != null
                ? operations.followHeaders(written.operation(), AsyncOperations.Follow.CREATED, context)
                : new HttpHeaders();
        headers.setETag(written.cluster().etag());
        return ResponseEntity.status(written.operation() != null ? HttpStatus.CREATED : HttpStatus.OK).headers(headers)
                .body(model.view(written.cluster(), connectivity.of(written.cluster())));
    }

    @GetMapping(ITEM)
    @ArmOperation(resourceType = ClusterApiVersions.CONNECTED_CLUSTERS, actions = ArmAction.CONNECTED_CLUSTERS_READ)
    ResponseEntity<Object> get(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterName, ArmContext context) {
        ConnectedCluster cluster = clusters.get(UUID.fromString(subscriptionId), resourceGroupName, clusterName);
        return ResponseEntity.ok().eTag(cluster.etag()).body(model(context).view(cluster, connectivity.of(cluster)));
    }

    @PatchMapping(ITEM)
    @ArmOperation(resourceType = ClusterApiVersions.CONNECTED_CLUSTERS, actions = ArmAction.CONNECTED_CLUSTERS_WRITE)
    ResponseEntity<Object> patch(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterName, @RequestBody(required = false) JsonNode body,
            ArmContext context) {
        ClusterWireModel model = model(context);
        ConnectedClusters.Written written = clusters.patch(UUID.fromString(subscriptionId), resourceGroupName,
                clusterName, model, body, context);
        if (written.operation() != null) {
            return ResponseEntity.accepted()
                    .headers(operations.followHeaders(written.operation(), AsyncOperations.Follow.ACCEPTED, context))
                    .build();
        }
        ConnectedCluster cluster = written.cluster();
        return ResponseEntity.ok().eTag(cluster.etag()).body(model.view(cluster, connectivity.of(cluster)));
    }

    @DeleteMapping(ITEM)
    @ArmOperation(resourceType = ClusterApiVersions.CONNECTED_CLUSTERS, actions = ArmAction.CONNECTED_CLUSTERS_DELETE)
    ResponseEntity<Void> delete(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @PathVariable String clusterName, ArmContext context) {
        Optional<AsyncOperation> operation = clusters.startDelete(UUID.fromString(subscriptionId), resourceGroupName,
                clusterName, context);
        return operation.<ResponseEntity<Void>>map(op -> ResponseEntity.accepted()
                        .headers(operations.followHeaders(op, AsyncOperations.Follow.ACCEPTED, context)).build())
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @GetMapping(COLLECTION)
    @ArmOperation(resourceType = ClusterApiVersions.CONNECTED_CLUSTERS, actions = ArmAction.CONNECTED_CLUSTERS_READ,
            authorization = ArmOperation.Authorization.IN_HANDLER)
    Paging.Page<Object> listByResourceGroup(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            ArmContext context) {
        return clusters.list(UUID.fromString(subscriptionId), resourceGroupName, view(context), context);
    }

    @GetMapping("/subscriptions/{subscriptionId}/providers/Microsoft.Kubernetes/connectedClusters")
    @ArmOperation(resourceType = ClusterApiVersions.CONNECTED_CLUSTERS, actions = ArmAction.CONNECTED_CLUSTERS_READ,
            authorization = ArmOperation.Authorization.IN_HANDLER)
    Paging.Page<Object> listBySubscription(@PathVariable String subscriptionId,
            ArmContext context) {
        return clusters.list(UUID.fromString(subscriptionId), null, view(context), context);
    }

    @PostMapping(ITEM + "/listClusterUserCredential")
    @ArmOperation(resourceType = ClusterApiVersions.LIST_USER_CREDENTIAL,
            actions = ArmAction.CONNECTED_CLUSTERS_LIST_USER_CREDENTIAL)
    ClusterCredentials.Results listClusterUserCredential(@PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName,
            @RequestBody(required = false) JsonNode body, Authentication authentication, ArmContext context) {
        ClusterCredentials.Request asked = ClusterCredentials.read(body);
        ConnectedCluster cluster = clusters.get(UUID.fromString(subscriptionId), resourceGroupName, clusterName);
        return credentials.issue(cluster, asked, (Jwt) authentication.getCredentials(), context);
    }

    private java.util.function.Function<ConnectedCluster, Object> view(ArmContext context) {
        ClusterWireModel model = model(context);
        return cluster -> model.view(cluster, connectivity.of(cluster));
    }

    private static ClusterWireModel model(ArmContext context) {
        return ClusterApiVersions.model(context.apiVersion());
    }
}
