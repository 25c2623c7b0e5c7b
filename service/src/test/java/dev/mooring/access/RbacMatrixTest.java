package dev.mooring.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.testing.ServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Role × action × scope: each built-in role assigned at a resource group, checked for a set of actions at
 * the subscription, at that group, at a resource inside it, and at a sibling group.
 */
class RbacMatrixTest extends ServiceTest {

    @Autowired
    ArmAuthorizer authorizer;

    @Autowired
    RoleAssignmentRepository repository;

    private static final String RG_READ = "Microsoft.Resources/subscriptions/resourceGroups/read";
    private static final String RG_WRITE = "Microsoft.Resources/subscriptions/resourceGroups/write";
    private static final String RG_DELETE = "Microsoft.Resources/subscriptions/resourceGroups/delete";
    private static final String RA_WRITE = "Microsoft.Authorization/roleAssignments/write";
    private static final String CC_READ = "Microsoft.Kubernetes/connectedClusters/read";
    private static final String CC_WRITE = "Microsoft.Kubernetes/connectedClusters/write";
    private static final String CC_DELETE = "Microsoft.Kubernetes/connectedClusters/delete";
    private static final String CC_CREDENTIAL = "Microsoft.Kubernetes/connectedClusters/listClusterUserCredential/action";
    private static final String ES_READ = "Microsoft.EventGrid/eventSubscriptions/read";
    private static final String ES_WRITE = "Microsoft.EventGrid/eventSubscriptions/write";
    private static final String ES_SECRET = "Microsoft.EventGrid/eventSubscriptions/listSecret/action";
    private static final List<String> ACTIONS = List.of(RG_READ, RG_WRITE, RG_DELETE, RA_WRITE, CC_READ, CC_WRITE,
            CC_DELETE, CC_CREDENTIAL, ES_READ, ES_WRITE, ES_SECRET);

    /** What each role grants (at and under its scope), from Azure's published action lists. */
    private static Set<String> granted(UUID role) {
        if (role.equals(BuiltInRoles.OWNER)) {
            return Set.copyOf(ACTIONS);
        }
        if (role.equals(BuiltInRoles.CONTRIBUTOR)) {
            return Set.of(RG_READ, RG_WRITE, RG_DELETE, CC_READ, CC_WRITE, CC_DELETE, CC_CREDENTIAL, ES_READ, ES_WRITE,
                    ES_SECRET);
        }
        if (role.equals(BuiltInRoles.READER)) {
            return Set.of(RG_READ, CC_READ, ES_READ);
        }
        if (role.equals(BuiltInRoles.USER_ACCESS_ADMINISTRATOR)) {
            return Set.of(RG_READ, CC_READ, RA_WRITE, ES_READ);
        }
        if (role.equals(BuiltInRoles.ARC_ONBOARDING)) {
            return Set.of(RG_READ, CC_READ, CC_WRITE);
        }
        if (role.equals(BuiltInRoles.ARC_CLUSTER_USER)) {
            return Set.of(RG_READ, CC_CREDENTIAL);
        }
        if (role.equals(BuiltInRoles.EVENT_SUBSCRIPTION_CONTRIBUTOR)) {
            return Set.of(RG_READ, ES_READ, ES_WRITE, ES_SECRET);
        }
        if (role.equals(BuiltInRoles.EVENT_SUBSCRIPTION_READER)) {
            return Set.of(RG_READ, ES_READ);
        }
        throw new IllegalArgumentException(role.toString());
    }

    @Test
    void everyRoleGrantsExactlyItsActionsAtAndBelowItsScopeOnly() {
        Tenant t = newTenant();
        String subscription = t.subscriptionPath();
        String group = subscription + "/resourceGroups/Team";
        String cluster = group + "/providers/Microsoft.Kubernetes/connectedClusters/c1";
        String sibling = subscription + "/resourceGroups/Team2";
        List<String> mismatches = new ArrayList<>();
        for (RoleDefinition role : BuiltInRoles.ALL) {
            UUID principal = UUID.randomUUID();
            roleAssignments.save(new RoleAssignment(UUID.randomUUID(), group, t.subscriptionId(), role.id(), principal,
                    "User", t.tenantId(), null, "test", java.time.Instant.now()));
            CallerIdentity caller = new CallerIdentity(t.tenantId().toString(), principal.toString(), null, "u", false,
                    Set.of(), Set.of());
            for (String action : ACTIONS) {
                boolean expected = granted(role.id()).contains(action);
                check(mismatches, role, action, "group", expected, authorizer.allows(caller, action, group));
                check(mismatches, role, action, "resource in group", expected, authorizer.allows(caller, action, cluster));
                check(mismatches, role, action, "group (other casing)", expected,
                        authorizer.allows(caller, action, group.toUpperCase()));
                check(mismatches, role, action, "subscription", false, authorizer.allows(caller, action, subscription));
                check(mismatches, role, action, "sibling group", false, authorizer.allows(caller, action, sibling));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void assignmentsOfAnotherTenantGrantNothing() {
        Tenant t = newTenant();
        UUID principal = UUID.randomUUID();
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), BuiltInRoles.OWNER, principal, "User", "test");
        CallerIdentity sameObjectOtherTenant = new CallerIdentity(UUID.randomUUID().toString(), principal.toString(),
                null, "u", false, Set.of(), Set.of());
        assertThat(authorizer.allows(sameObjectOtherTenant, RG_READ, t.subscriptionPath())).isFalse();
    }

    @Test
    void wildcardsMatchCaseInsensitivelyAndNotActionsSubtract() {
        RoleDefinition contributor = BuiltInRoles.byId(BuiltInRoles.CONTRIBUTOR).orElseThrow();
        assertThat(contributor.permits("microsoft.kubernetes/CONNECTEDCLUSTERS/write")).isTrue();
        assertThat(contributor.permits("Microsoft.Authorization/roleAssignments/write")).isFalse();
        assertThat(contributor.permits("Microsoft.Authorization/roleAssignments/read")).isTrue();
        RoleDefinition reader = BuiltInRoles.byId(BuiltInRoles.READER).orElseThrow();
        assertThat(reader.permits("Microsoft.Resources/subscriptions/resourceGroups/READ")).isTrue();
        assertThat(reader.permits("Microsoft.Resources/subscriptions/resourceGroups/readx")).isFalse();
    }

    private static void check(List<String> mismatches, RoleDefinition role, String action, String where,
            boolean expected, boolean actual) {
        if (expected != actual) {
            mismatches.add(role.roleName() + " / " + action + " @ " + where + ": expected " + expected);
        }
    }
}
