package dev.mooring.access;

import java.util.UUID;

/**
 * Azure's built-in role definition ids, as published in "Azure built-in roles"
 * (learn.microsoft.com/azure/role-based-access-control/built-in-roles). The same ids as Azure, so
 * assignments made with the Azure CLI or SDKs name the roles they expect.
 */
public final class BuiltInRoles {

    /** Owner: full access, including assigning roles. */
    public static final UUID OWNER = UUID.fromString("8e3af657-a8ff-443c-a75c-2fe8c4bcb635");

    private BuiltInRoles() {
    }
}
