package dev.mooring.access;

import dev.mooring.arm.Guids;
import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.CallerIdentity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Azure RBAC evaluation: a caller may perform an action at a scope when one of its assignments (its own
 * or one of its groups'), made in the caller's tenant at that scope or any scope above it, names a role
 * whose actions match and whose notActions do not. Assignments come from {@link AssignmentCache}.
 */
@Component
class RoleBasedAuthorizer implements ArmAuthorizer {

    private final AssignmentCache assignments;

    RoleBasedAuthorizer(AssignmentCache assignments) {
        this.assignments = assignments;
    }

    @Override
    public boolean allows(CallerIdentity caller, String action, String scope) {
        UUID tenant = Guids.parse(caller.tenantId());
        if (tenant == null) {
            return false;
        }
        String target = scope.toLowerCase(Locale.ROOT);
        for (String principalId : caller.principalIds()) {
            UUID principal = Guids.parse(principalId);
            if (principal == null) {
                continue;
            }
            for (AssignmentCache.Grant grant : assignments.grantsOf(principal)) {
                if (grant.tenantId().equals(tenant) && covers(grant.scopeKey(), target)
                        && BuiltInRoles.byId(grant.roleDefinitionId()).map(role -> role.permits(action)).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public List<String> scopesGranting(CallerIdentity caller, String action) {
        UUID tenant = Guids.parse(caller.tenantId());
        if (tenant == null) {
            return List.of();
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String principalId : caller.principalIds()) {
            UUID principal = Guids.parse(principalId);
            if (principal == null) {
                continue;
            }
            for (AssignmentCache.Grant grant : assignments.grantsOf(principal)) {
                if (grant.tenantId().equals(tenant)
                        && BuiltInRoles.byId(grant.roleDefinitionId()).map(role -> role.permits(action)).orElse(false)) {
                    scopes.add(grant.scopeKey());
                }
            }
        }
        return List.copyOf(scopes);
    }

    /** An assignment at {@code assigned} covers {@code target} when target is that scope or lies under it. */
    static boolean covers(String assigned, String target) {
        return target.equals(assigned) || (target.startsWith(assigned) && target.charAt(assigned.length()) == '/')
                || assigned.equals("/");
    }
}
