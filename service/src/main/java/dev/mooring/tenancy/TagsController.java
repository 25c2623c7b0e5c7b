package dev.mooring.tenancy;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmContext;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.JsonFields;
import dev.mooring.arm.Tags;
import dev.mooring.arm.errors.ArmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * ARM's tags resource at a resource group or resource scope (Tags_CreateOrUpdateAtScope, Tags_UpdateAtScope,
 * Tags_GetAtScope, Tags_DeleteAtScope): {@code az tag create|update|list|delete --resource-id}. PATCH merges,
 * replaces or deletes (by name, or by name and value) as its {@code operation} says.
 */
@RestController
class TagsController {

    static final String SUFFIX = "/providers/Microsoft.Resources/tags/default";
    private static final String GROUP = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}";
    private static final String RESOURCE = GROUP + "/providers/{namespace}/{resourceType}/{resourceName}";
    private static final List<String> OPERATIONS = List.of("Merge", "Replace", "Delete");

    private final ObjectProvider<TaggedResources> features;

    TagsController(ObjectProvider<TaggedResources> features) {
        this.features = features;
    }

    /** The tags resource as ARM shows it. */
    record View(String id, String name, String type, Properties properties) {
        record Properties(Map<String, String> tags) {
        }
    }

    @GetMapping({GROUP + SUFFIX, RESOURCE + SUFFIX})
    @ArmOperation(resourceType = TenancyApiVersions.TAGS, actions = ArmAction.TAGS_READ)
    View get(ArmContext context) {
        String scope = scopeOf(context);
        return view(scope, located(scope).tags());
    }

    @PutMapping({GROUP + SUFFIX, RESOURCE + SUFFIX})
    @ArmOperation(resourceType = TenancyApiVersions.TAGS, actions = ArmAction.TAGS_WRITE)
    View put(@RequestBody(required = false) JsonNode body, ArmContext context) {
        String scope = scopeOf(context);
        TaggedResources owner = located(scope).owner();
        return view(scope, owner.replaceTagsAt(scope, tags(body), context));
    }

    @PatchMapping({GROUP + SUFFIX, RESOURCE + SUFFIX})
    @ArmOperation(resourceType = TenancyApiVersions.TAGS, actions = ArmAction.TAGS_WRITE)
    View patch(@RequestBody(required = false) JsonNode body, ArmContext context) {
        String scope = scopeOf(context);
        Located located = located(scope);
        String operation = JsonFields.oneOf(JsonFields.string(body, "operation", "operation"), OPERATIONS, "operation");
        if (operation == null) {
            throw ArmException.badRequest("InvalidRequestContent", "The property 'operation' (Merge, Replace or"
                    + " Delete) is required.", "operation");
        }
        Map<String, String> given = tags(body);
        Map<String, String> tags = new LinkedHashMap<>(located.tags());
        switch (operation) {
            case "Merge" -> tags.putAll(given);
            case "Replace" -> {
                tags.clear();
                tags.putAll(given);
            }
            default -> given.forEach((name, value) -> {
                String current = tags.get(name);
                if (current != null && (value == null || value.isEmpty() || value.equals(current))) {
                    tags.remove(name);
                }
            });
        }
        return view(scope, located.owner().replaceTagsAt(scope, Tags.validate(tags), context));
    }

    @DeleteMapping({GROUP + SUFFIX, RESOURCE + SUFFIX})
    @ArmOperation(resourceType = TenancyApiVersions.TAGS, actions = ArmAction.TAGS_DELETE)
    void delete(ArmContext context) {
        String scope = scopeOf(context);
        located(scope).owner().replaceTagsAt(scope, Map.of(), context);
    }

    private static String scopeOf(ArmContext context) {
        String path = context.scope();
        return path.substring(0, path.length() - SUFFIX.length());
    }

    /** The feature owning the resource at a scope, and the resource's tags as read once. */
    private record Located(TaggedResources owner, Map<String, String> tags) {
    }

    private Located located(String scope) {
        return features.orderedStream()
                .flatMap(feature -> feature.tagsAt(scope).map(tags -> new Located(feature, tags)).stream())
                .findFirst()
                .orElseThrow(() -> ArmException.notFound("ResourceNotFound", "The resource '" + Bounded.text(scope)
                        + "' was not found, or it carries no tags."));
    }

    private static Map<String, String> tags(JsonNode body) {
        JsonFields.requireObject(body, "body");
        JsonNode properties = JsonFields.object(body, "properties", "properties");
        Map<String, String> tags = properties == null ? null : JsonFields.stringMap(properties, "tags", "properties.tags");
        if (tags == null) {
            throw ArmException.badRequest("InvalidRequestContent", "The property 'properties.tags' is required.",
                    "properties.tags");
        }
        return Tags.validate(tags);
    }

    private static View view(String scope, Map<String, String> tags) {
        return new View(scope + SUFFIX, "default", "Microsoft.Resources/tags", new View.Properties(tags));
    }
}
