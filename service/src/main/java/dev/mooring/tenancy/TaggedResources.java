package dev.mooring.tenancy;

import dev.mooring.arm.ArmContext;
import java.util.Map;
import java.util.Optional;

/**
 * Implemented by each feature whose resources carry ARM tags, so that the tags resource
 * ({@code {scope}/providers/Microsoft.Resources/tags/default}, what {@code az tag} drives) reads and writes them
 * through the same rules as the resource's own PATCH.
 */
public interface TaggedResources {

    /** The tags of the resource at {@code scope}, when this feature owns such a resource and it exists. */
    Optional<Map<String, String>> tagsAt(String scope);

    /** Replaces the tags of the resource at {@code scope} (owned by this feature and existing); returns them. */
    Map<String, String> replaceTagsAt(String scope, Map<String, String> tags, ArmContext context);
}
