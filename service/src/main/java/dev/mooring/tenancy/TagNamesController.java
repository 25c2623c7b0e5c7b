package dev.mooring.tenancy;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmContext;
import dev.mooring.arm.ArmOperation;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /subscriptions/{s}/tagNames[/{tagName}[/tagValues/{tagValue}]]} (Tags_List, Tags_CreateOrUpdate,
 * Tags_Delete, Tags_CreateOrUpdateValue, Tags_DeleteValue): {@code az tag list}, {@code az tag create --name},
 * {@code az tag add-value}, {@code az tag remove-value}, {@code az tag delete --name}.
 */
@RestController
class TagNamesController {

    private static final String NAMES = "/subscriptions/{subscriptionId}/tagNames";
    private static final String NAME = NAMES + "/{tagName}";
    private static final String VALUE = NAME + "/tagValues/{tagValue}";

    private final TagNames tagNames;

    TagNamesController(TagNames tagNames) {
        this.tagNames = tagNames;
    }

    record TagCount(String type, long value) {

        static TagCount total(long value) {
            return new TagCount("Total", value);
        }
    }

    record TagValue(String id, String tagValue, TagCount count) {
    }

    record TagDetails(String id, String tagName, TagCount count, List<TagValue> values) {
    }

    record TagsListResult(List<TagDetails> value) {
    }

    @GetMapping(NAMES)
    @ArmOperation(resourceType = TenancyApiVersions.TAG_NAMES, actions = ArmAction.TAGS_READ)
    TagsListResult list(@PathVariable String subscriptionId, ArmContext context) {
        UUID subscription = UUID.fromString(subscriptionId);
        return new TagsListResult(tagNames.list(subscription, context.caller()).stream()
                .map(usage -> details(subscription, usage)).toList());
    }

    @PutMapping(NAME)
    @ArmOperation(resourceType = TenancyApiVersions.TAG_NAMES, actions = ArmAction.TAGS_WRITE)
    ResponseEntity<TagDetails> putName(@PathVariable String subscriptionId, @PathVariable String tagName,
            ArmContext context) {
        UUID subscription = UUID.fromString(subscriptionId);
        boolean created = tagNames.addName(subscription, tagName);
        TagNames.Usage usage = tagNames.find(subscription, tagName, context.caller()).orElseThrow();
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(details(subscription, usage));
    }

    @DeleteMapping(NAME)
    @ArmOperation(resourceType = TenancyApiVersions.TAG_NAMES, actions = ArmAction.TAGS_DELETE)
    ResponseEntity<Void> deleteName(@PathVariable String subscriptionId, @PathVariable String tagName,
            ArmContext context) {
        return tagNames.deleteName(UUID.fromString(subscriptionId), tagName, context.caller())
                ? ResponseEntity.ok().build() : ResponseEntity.noContent().build();
    }

    @PutMapping(VALUE)
    @ArmOperation(resourceType = TenancyApiVersions.TAG_NAMES, actions = ArmAction.TAGS_WRITE)
    ResponseEntity<TagValue> putValue(@PathVariable String subscriptionId, @PathVariable String tagName,
            @PathVariable String tagValue, ArmContext context) {
        UUID subscription = UUID.fromString(subscriptionId);
        boolean created = tagNames.addValue(subscription, tagName, tagValue);
        TagNames.Usage usage = tagNames.find(subscription, tagName, context.caller()).orElseThrow();
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(value(subscription, usage.name(), tagValue, usage.values().getOrDefault(tagValue, 0L)));
    }

    @DeleteMapping(VALUE)
    @ArmOperation(resourceType = TenancyApiVersions.TAG_NAMES, actions = ArmAction.TAGS_DELETE)
    ResponseEntity<Void> deleteValue(@PathVariable String subscriptionId, @PathVariable String tagName,
            @PathVariable String tagValue, ArmContext context) {
        return tagNames.deleteValue(UUID.fromString(subscriptionId), tagName, tagValue, context.caller())
                ? ResponseEntity.ok().build() : ResponseEntity.noContent().build();
    }

    private static TagDetails details(UUID subscriptionId, TagNames.Usage usage) {
        return new TagDetails(id(subscriptionId, usage.name()), usage.name(), TagCount.total(usage.count()),
                usage.values().entrySet().stream()
                        .map(v -> value(subscriptionId, usage.name(), v.getKey(), v.getValue())).toList());
    }

    private static TagValue value(UUID subscriptionId, String name, String value, long count) {
        return new TagValue(id(subscriptionId, name) + "/tagValues/" + value, value, TagCount.total(count));
    }

    private static String id(UUID subscriptionId, String name) {
        return "/subscriptions/" + subscriptionId + "/tagNames/" + name;
    }
}
