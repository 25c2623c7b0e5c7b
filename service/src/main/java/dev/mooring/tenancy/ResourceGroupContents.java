package dev.mooring.tenancy;

import java.util.UUID;

/**
 * Implemented by each feature that keeps resources in resource groups. Deleting a group deletes its
 * resources through these, the same path a direct DELETE of each resource takes.
 */
public interface ResourceGroupContents {

    /** Deletes every resource of this feature in the group (names compare case-insensitively). */
    void deleteAllIn(UUID subscriptionId, String resourceGroupName);
}
