package dev.mooring.clusters;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.pipeline.ArmRequest;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.paging.Paging;
import dev.mooring.arm.Preconditions;
import dev.mooring.tenancy.ProviderRegistrations;
import dev.mooring.tenancy.Region;
import dev.mooring.tenancy.Regions;
import dev.mooring.tenancy.ResourceGroups;
import dev.mooring.tenancy.WritableParents;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** The connected cluster lifecycle: create or replace, read, list, patch, delete. */
@Service
class ConnectedClusters {

    static final String NAMESPACE = "Microsoft.Kubernetes";

    /** 1-63 letters, digits, '-' and '_', starting and ending with a letter or digit. */
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$");

    record Written(ConnectedCluster cluster, AsyncOperation operation) {
    }

    private final ConnectedClusterRepository repository;
    private final ResourceGroups resourceGroups;
    private final WritableParents parents;
    private final ProviderRegistrations providers;
    private final Regions regions;
    private final AsyncOperations operations;
    private final ClusterDeletion deletion;
    private final ArmAuthorizer authorizer;
    private final AgentryProtectedSettings agentryProtected;
    private final Clock clock;

    ConnectedClusters(ConnectedClusterRepository repository, ResourceGroups resourceGroups, WritableParents parents,
            ProviderRegistrations providers, Regions regions, AsyncOperations operations, ClusterDeletion deletion,
            ArmAuthorizer authorizer, AgentryProtectedSettings agentryProtected, Clock clock) {
        this.repository = repository;
        this.resourceGroups = resourceGroups;
        this.parents = parents;
        this.providers = providers;
        this.regions = regions;
        this.operations = operations;
        this.deletion = deletion;
        this.authorizer = authorizer;
        this.agentryProtected = agentryProtected;
        this.clock = clock;
    }

    /**
     * A PUT. A new cluster is saved as Accepted and an operation finishes its creation (201 with the
     * operation's URLs); an existing one is replaced synchronously (200), keeping what the caller's version
     * does not know.
     */
    @Transactional
    Written put(UUID subscriptionId, String resourceGroup, String name, ClusterWireModel model, JsonNode body,
            ArmContext context) {
        requireValidName(name);
        parents.requireGroup(subscriptionId, resourceGroup);
        providers.requireRegistered(subscriptionId, NAMESPACE);
        ClusterSpec spec = model.readPut(body);
        Region region = regions.requireServed(spec.location(), ClusterApiVersions.CONNECTED_CLUSTERS);
        UUID tenant = context.tenant();
        ConnectedCluster existing = repository.findById(ConnectedCluster.Key.of(subscriptionId, resourceGroup, name))
                .orElse(null);
        context.preconditions().check(existing == null ? null : existing.etag());
        if (existing == null) {
            ClusterSpec placed = spec.withLocation(region.name());
            ConnectedCluster cluster = ConnectedCluster.create(subscriptionId, resourceGroup, name, placed, tenant,
                    context.caller().actor(), clock.instant());
            apply2026(cluster, spec, context);
            ConnectedCluster created = repository.saveAndFlush(cluster);
            AsyncOperation operation = operations.start(new AsyncOperations.Start(ClusterCreation.KIND,
                    created.resourceId(), subscriptionId, NAMESPACE, region.name(), context.apiVersion(),
                    UUID.fromString(context.caller().tenantId()), context.caller().objectId(), Duration.ZERO));
            return new Written(created, operation);
        }
        requireIdle(existing);
        requireUnchanged(existing, spec, region);
        existing.apply(resourceGroup, name, spec.withLocation(existing.location()), tenant, context.caller().actor(),
                clock.instant());
        apply2026(existing, spec, context);
        return new Written(repository.saveAndFlush(existing), null);
    }

    /** Seals the agentry protected settings and publishes the OIDC issuer, where the writer's version has them. */
    private void apply2026(ConnectedCluster cluster, ClusterSpec spec, ArmContext context) {
        if (spec.writes(ClusterSpec.Property.ARC_AGENTRY_CONFIGURATIONS)) {
            agentryProtected.write(cluster, spec.profiles2026().agentryConfigurations());
        }
        if (Boolean.TRUE.equals(cluster.oidcIssuerEnabled())) {
            String hash = ClusterCredentials.hash(cluster.resourceId());
            cluster.publishIssuer(hash, context.publicUrl("/oidc/" + hash + "/").build().toUriString());
        }
    }

    @Transactional(readOnly = true)
    ConnectedCluster get(UUID subscriptionId, String resourceGroup, String name) {
        return repository.findById(ConnectedCluster.Key.of(subscriptionId, resourceGroup, name))
                .orElseThrow(() -> notFound(resourceGroup, name));
    }

    /**
     * A PATCH, applied at once. In a version whose PATCH is long-running the cluster reads Updating until the
     * operation returned with it finishes; otherwise there is no operation.
     */
    @Transactional
    Written patch(UUID subscriptionId, String resourceGroup, String name, ClusterWireModel model,
            JsonNode body, ArmContext context) {
        ConnectedCluster cluster = get(subscriptionId, resourceGroup, name);
        context.preconditions().check(cluster.etag());
        requireIdle(cluster);
        cluster.patch(model.readPatch(body), context.caller().actor(), clock.instant());
        if (!model.longRunningPatch()) {
            return new Written(repository.saveAndFlush(cluster), null);
        }
        cluster.markUpdating(context.caller().actor(), clock.instant());
        ConnectedCluster saved = repository.saveAndFlush(cluster);
        return new Written(saved, operations.start(new AsyncOperations.Start(ClusterUpdate.KIND, saved.resourceId(),
                subscriptionId, NAMESPACE, saved.location(), context.apiVersion(),
                UUID.fromString(context.caller().tenantId()), context.caller().objectId(), Duration.ZERO)));
    }

    /** Replaces the cluster's tags (the tags resource's writes), with the same checks as a PATCH. */
    @Transactional
    ConnectedCluster replaceTags(UUID subscriptionId, String resourceGroup, String name, Map<String, String> tags,
            ArmContext context) {
        ConnectedCluster cluster = get(subscriptionId, resourceGroup, name);
        context.preconditions().check(cluster.etag());
        requireIdle(cluster);
        cluster.patch(ClusterPatch.tagsOnly(tags), context.caller().actor(), clock.instant());
        return repository.saveAndFlush(cluster);
    }

    /** Marks the cluster Deleting and starts its deletion; empty when there is no such cluster (204). */
    @Transactional
    Optional<AsyncOperation> startDelete(UUID subscriptionId, String resourceGroup, String name, ArmContext context) {
        ConnectedCluster cluster = repository.findById(ConnectedCluster.Key.of(subscriptionId, resourceGroup, name))
                .orElse(null);
        context.preconditions().check(cluster == null ? null : cluster.etag());
        if (cluster == null) {
            return Optional.empty();
        }
        requireIdle(cluster);
        cluster.markDeleting(context.caller().actor(), clock.instant());
        repository.saveAndFlush(cluster);
        return Optional.of(operations.start(new AsyncOperations.Start(ClusterDeletion.KIND, cluster.resourceId(),
                subscriptionId, NAMESPACE, cluster.location(), context.apiVersion(),
                UUID.fromString(context.caller().tenantId()), context.caller().objectId(), Duration.ZERO)));
    }

    /** A page of the clusters in a group, or in the whole subscription, that the caller may read. */
    @Transactional(readOnly = true)
    <T> Paging.Page<T> list(UUID subscriptionId, String resourceGroup, Function<ConnectedCluster, T> view,
            ArmContext context) {
        if (resourceGroup != null) {
            requireGroup(subscriptionId, resourceGroup);
        }
        Paging.Request page = context.page();
        String scope = "/subscriptions/" + subscriptionId + (resourceGroup == null ? "" : "/resourceGroups/" + resourceGroup);
        boolean readsAll = authorizer.allows(context.caller(), ArmAction.CONNECTED_CLUSTERS_READ.action(), scope);
        String after = page.after() == null ? "" : page.after();
        List<ConnectedCluster> rows = new ArrayList<>();
        while (rows.size() < page.fetchSize()) {
            List<ConnectedCluster> batch = resourceGroup != null
                    ? repository.pageInGroup(subscriptionId, resourceGroup.toLowerCase(Locale.ROOT), after, page.fetchSize())
                    : repository.pageInSubscription(subscriptionId, groupOf(after), nameOf(after), page.fetchSize());
            for (ConnectedCluster cluster : batch) {
                if (rows.size() < page.fetchSize() && (readsAll || authorizer.allows(context.caller(),
                        ArmAction.CONNECTED_CLUSTERS_READ.action(), cluster.resourceId()))) {
                    rows.add(cluster);
                }
            }
            if (batch.size() < page.fetchSize()) {
                break;
            }
            after = cursor(batch.getLast(), resourceGroup == null);
        }
        return Paging.page(rows, page, cluster -> cursor(cluster, resourceGroup == null), view, context.requestUrl());
    }

    private static String cursor(ConnectedCluster cluster, boolean acrossGroups) {
        return acrossGroups ? cluster.key().resourceGroupKey() + "/" + cluster.key().nameKey() : cluster.key().nameKey();
    }

    private static String groupOf(String cursor) {
        return cursor.isEmpty() ? "" : cursor.substring(0, separator(cursor));
    }

    private static String nameOf(String cursor) {
        return cursor.isEmpty() ? "" : cursor.substring(separator(cursor) + 1);
    }

    private static int separator(String cursor) {
        int slash = cursor.indexOf('/');
        if (slash < 0) {
            throw Paging.invalidSkipToken();
        }
        return slash;
    }

    private void requireGroup(UUID subscriptionId, String resourceGroup) {
        if (!resourceGroups.exists(subscriptionId, resourceGroup)) {
            throw ArmException.notFound("ResourceGroupNotFound",
                    "Resource group '" + Bounded.text(resourceGroup) + "' could not be found.");
        }
    }

    /** A write while an operation on the cluster is still running is refused, as ARM does. */
    private void requireIdle(ConnectedCluster cluster) {
        if (operations.isRunningOn(cluster.resourceId()) || ProvisioningState.DELETING.equals(cluster.provisioningState())) {
            throw new ArmException(HttpStatus.CONFLICT, "AnotherOperationInProgress", "Another operation is in progress"
                    + " on the connected cluster '" + cluster.name() + "'. Wait for it to finish and try again.");
        }
    }

    private static void requireUnchanged(ConnectedCluster existing, ClusterSpec spec, Region region) {
        if (!existing.location().equals(region.name())) {
            throw new ArmException(HttpStatus.CONFLICT, "InvalidResourceLocation", "The resource '" + existing.name()
                    + "' already exists in location '" + existing.location() + "' in resource group '"
                    + existing.resourceGroupName() + "'. A resource with the same name cannot be created in location '"
                    + region.name() + "'.", "location");
        }
        if (!Objects.equals(existing.agentPublicKeySha256(), spec.agentPublicKey().sha256())) {
            throw ArmException.badRequest("PropertyChangeNotAllowed", "Changing property 'agentPublicKeyCertificate'"
                    + " is not allowed: a connected cluster keeps the onboarding key it was created with. Re-PUT with"
                    + " the same key, or delete the cluster and connect it again.", "properties.agentPublicKeyCertificate");
        }
        if (spec.writes(ClusterSpec.Property.KIND) && !Objects.equals(existing.kind(), spec.kind())) {
            throw ArmException.badRequest("PropertyChangeNotAllowed", "Changing property 'kind' is not allowed.", "kind");
        }
        if (spec.provisioningState() != null && !spec.provisioningState().equalsIgnoreCase(existing.provisioningState())) {
            throw ArmException.badRequest("InvalidParameter", "The property 'provisioningState' is set by the service;"
                    + " the request's value '" + Bounded.text(spec.provisioningState()) + "' differs from the resource's '"
                    + existing.provisioningState() + "'.", "properties.provisioningState");
        }
    }

    private static void requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ArmException.badRequest("InvalidResourceName", "The connected cluster name '" + Bounded.text(name)
                    + "' is not valid. It must have 1 to 63 letters, digits, '-' or '_', and start and end with a"
                    + " letter or digit.", "clusterName");
        }
    }

    static ArmException notFound(String resourceGroup, String name) {
        return ArmException.notFound("ResourceNotFound", "The Resource 'Microsoft.Kubernetes/connectedClusters/"
                + Bounded.text(name) + "' under resource group '" + Bounded.text(resourceGroup)
                + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }
}
