package dev.mooring.tenancy;

import dev.mooring.arm.ArmContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Resource groups' tags through the tags resource. */
@Component
class ResourceGroupTags implements TaggedResources {

    private static final Pattern GROUP = Pattern.compile("^/subscriptions/([^/]+)/resourcegroups/([^/]+)$",
            Pattern.CASE_INSENSITIVE);

    private final ResourceGroups groups;

    ResourceGroupTags(ResourceGroups groups) {
        this.groups = groups;
    }

    @Override
    public Optional<Map<String, String>> tagsAt(String scope) {
        Matcher group = GROUP.matcher(scope);
        if (!group.matches() || dev.mooring.arm.Guids.parse(group.group(1)) == null) {
            return Optional.empty();
        }
        return groups.find(UUID.fromString(group.group(1)), group.group(2)).map(ResourceGroup::tags);
    }

    @Override
    public Map<String, String> replaceTagsAt(String scope, Map<String, String> tags, ArmContext context) {
        Matcher group = GROUP.matcher(scope);
        if (!group.matches()) {
            throw new IllegalArgumentException("Not a resource group: " + scope);
        }
        return groups.replaceTags(UUID.fromString(group.group(1)), group.group(2), tags, context).tags();
    }
}
