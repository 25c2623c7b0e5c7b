package dev.mooring.tenancy;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmContext;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.paging.Paging;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ARM's generic resource list (Resources_List, Resources_ListByResourceGroup): what {@code az resource list} and
 * the SDKs' {@code ResourceManagementClient.resources} call. Each resource shows only to callers who may read it.
 */
@RestController
class GenericResourcesController {

    private final GenericResources resources;

    GenericResourcesController(GenericResources resources) {
        this.resources = resources;
    }

    @GetMapping("/subscriptions/{subscriptionId}/resources")
    @ArmOperation(resourceType = TenancyApiVersions.RESOURCES, actions = ArmAction.RESOURCES_READ,
            authorization = ArmOperation.Authorization.IN_HANDLER)
    Paging.Page<Map<String, Object>> list(@PathVariable String subscriptionId,
            @RequestParam(name = "$filter", required = false) String filter,
            @RequestParam(name = "$expand", required = false) String expand, ArmContext context) {
        return resources.list(UUID.fromString(subscriptionId), null, filter, expand, context);
    }

    @GetMapping("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/resources")
    @ArmOperation(resourceType = TenancyApiVersions.RESOURCES, actions = ArmAction.RESOURCES_READ,
            authorization = ArmOperation.Authorization.IN_HANDLER)
    Paging.Page<Map<String, Object>> listByResourceGroup(@PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @RequestParam(name = "$filter", required = false) String filter,
            @RequestParam(name = "$expand", required = false) String expand, ArmContext context) {
        return resources.list(UUID.fromString(subscriptionId), resourceGroupName, filter, expand, context);
    }
}
