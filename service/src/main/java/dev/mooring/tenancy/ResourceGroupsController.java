package dev.mooring.tenancy;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.ArmAction;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.paging.Paging;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /subscriptions/{s}/resourcegroups[/{name}]}: Microsoft.Resources resource groups. */
@RestController
class ResourceGroupsController {

    private static final String COLLECTION = "/subscriptions/{subscriptionId}/resourcegroups";
    private static final String ITEM = COLLECTION + "/{resourceGroupName}";
    private static final Pattern TAG_FILTER = Pattern.compile(
            "tagname\\s+eq\\s+'([^']*)'(?:\\s+and\\s+tagvalue\\s+eq\\s+'([^']*)')?");

    private final ResourceGroups groups;
    private final AsyncOperations operations;

    ResourceGroupsController(ResourceGroups groups, AsyncOperations operations) {
        this.groups = groups;
        this.operations = operations;
    }

    @PutMapping(ITEM)
    @ArmOperation(resourceType = TenancyApiVersions.RESOURCE_GROUPS, actions = ArmAction.RESOURCE_GROUPS_WRITE)
    ResponseEntity<ResourceGroupView> put(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @RequestBody(required = false) ResourceGroupView.Request body, ArmContext context) {
        ResourceGroups.Written written = groups.createOrReplace(UUID.fromString(subscriptionId), resourceGroupName, body,
                context);
        return ResponseEntity.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .eTag(written.group().etag())
                .body(ResourceGroupView.of(written.group()));
    }

    @GetMapping(ITEM)
    @ArmOperation(resourceType = TenancyApiVersions.RESOURCE_GROUPS, actions = ArmAction.RESOURCE_GROUPS_READ)
    ResponseEntity<ResourceGroupView> get(@PathVariable String subscriptionId, @PathVariable String resourceGroupName) {
        ResourceGroup group = groups.get(UUID.fromString(subscriptionId), resourceGroupName);
        return ResponseEntity.ok().eTag(group.etag()).body(ResourceGroupView.of(group));
    }

    /** ARM's existence check: 204 when the group exists, 404 when it does not. */
    @RequestMapping(path = ITEM, method = RequestMethod.HEAD)
    @ArmOperation(resourceType = TenancyApiVersions.RESOURCE_GROUPS, actions = ArmAction.RESOURCE_GROUPS_READ)
    ResponseEntity<Void> head(@PathVariable String subscriptionId, @PathVariable String resourceGroupName) {
        return groups.exists(UUID.fromString(subscriptionId), resourceGroupName)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    @PatchMapping(ITEM)
    @ArmOperation(resourceType = TenancyApiVersions.RESOURCE_GROUPS, actions = ArmAction.RESOURCE_GROUPS_WRITE)
    ResponseEntity<ResourceGroupView> patch(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            @RequestBody(required = false) ResourceGroupView.Patch body, ArmContext context) {
        ResourceGroup group = groups.patch(UUID.fromString(subscriptionId), resourceGroupName, body, context);
        return ResponseEntity.ok().eTag(group.etag()).body(ResourceGroupView.of(group));
    }

    @DeleteMapping(ITEM)
    @ArmOperation(resourceType = TenancyApiVersions.RESOURCE_GROUPS, actions = ArmAction.RESOURCE_GROUPS_DELETE)
    ResponseEntity<Void> delete(@PathVariable String subscriptionId, @PathVariable String resourceGroupName,
            ArmContext context) {
        AsyncOperation operation = groups.startDelete(UUID.fromString(subscriptionId), resourceGroupName, context);
        return ResponseEntity.accepted().headers(operations.followHeaders(operation, AsyncOperations.Follow.ACCEPTED, context)).build();
    }

    @GetMapping(COLLECTION)
    @ArmOperation(resourceType = TenancyApiVersions.RESOURCE_GROUPS, actions = ArmAction.RESOURCE_GROUPS_READ,
            authorization = ArmOperation.Authorization.IN_HANDLER)
    Paging.Page<ResourceGroupView> list(@PathVariable String subscriptionId,
            @RequestParam(name = "$filter", required = false) String filter,
            ArmContext context) {
        String tagName = null;
        String tagValue = null;
        if (filter != null && !filter.isBlank()) {
            Matcher matcher = TAG_FILTER.matcher(filter.strip().toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw ArmException.badRequest("InvalidFilter", "Only $filter=tagName eq '{name}' [and tagValue eq"
                        + " '{value}'] is supported on resource groups.", "$filter");
            }
            // Re-read the original text: tag names and values keep their casing.
            Matcher original = Pattern.compile(TAG_FILTER.pattern(), Pattern.CASE_INSENSITIVE).matcher(filter.strip());
            original.matches();
            tagName = original.group(1);
            tagValue = original.group(2);
        }
        return groups.list(UUID.fromString(subscriptionId), tagName, tagValue, context);
    }
}
