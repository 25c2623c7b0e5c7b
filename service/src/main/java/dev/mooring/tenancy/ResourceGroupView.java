package dev.mooring.tenancy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A resource group in the Microsoft.Resources wire shape. No published version's ResourceGroup schema has
 * {@code systemData}, so none shows it (the audit stays stored).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResourceGroupView(String id, String name, String type, String location, Map<String, String> tags,
        String managedBy, Properties properties) {

    static final String TYPE = "Microsoft.Resources/resourceGroups";

    record Properties(String provisioningState) {
    }

    /** The body of PUT; {@code properties} carries nothing the caller may set. */
    record Request(String location, Map<String, String> tags, String managedBy) {
    }

    /** The body of PATCH: tags replace the whole set when present. */
    record Patch(String location, Map<String, String> tags, String managedBy) {
    }

    static ResourceGroupView of(ResourceGroup group) {
        return new ResourceGroupView(group.id(), group.name(), TYPE, group.location(), group.tags(), group.managedBy(),
                new Properties(group.provisioningState()));
    }
}
