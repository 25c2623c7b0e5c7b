package dev.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.access.BuiltInRoles;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who sees what: platform administrators the whole fleet; anyone else exactly the clusters ARM lets it read
 * (role assignments at subscription, resource group or cluster scope, its own or its groups', in its tenant).
 * The list, the summary and the timeline agree.
 */
class InventoryAccessTest extends InventoryTestBase {

    @Test
    void scopesFollowRoleAssignmentsWithInheritanceAndNeverCrossTenants() {
        Tenant t = readyTenant("blue", "green");
        connect(t, "blue", "b1", "eastus", "{}", "k3s", "generic");
        connect(t, "blue", "b2", "eastus", "{}", "k3s", "generic");
        connect(t, "green", "g1", "eastus", "{}", "k3s", "generic");
        Tenant other = readyTenant("rg");
        connect(other, "rg", "foreign", "eastus", "{}", "k3s", "generic");
        String both = "subscriptionId=" + t.subscriptionId() + "," + other.subscriptionId();

        // Owner of the subscription: all three of its clusters, none of the other tenant's.
        assertThat(names(t.owner(), both)).containsExactly("b1", "b2", "g1");
        assertThat(names(t.owner(), "")).containsExactly("b1", "b2", "g1");

        // Reader at one resource group.
        UUID groupReader = UUID.randomUUID();
        grant(t, "/resourceGroups/blue", BuiltInRoles.READER, groupReader);
        assertThat(names(t.user(groupReader), "")).containsExactly("b1", "b2");

        // Reader at one cluster only, given to a group the user belongs to.
        UUID group = UUID.randomUUID();
        grant(t, "/resourceGroups/green/providers/Microsoft.Kubernetes/connectedClusters/g1", BuiltInRoles.READER, group);
        UUID member = UUID.randomUUID();
        String memberToken = idp.user(t.tenantId().toString(), member.toString()).groups(group.toString()).sign();
        assertThat(names(memberToken, "")).containsExactly("g1");
        assertThat(names(idp.user(t.tenantId().toString(), member.toString()).sign(), "")).isEmpty();

        // A role that does not grant connectedClusters/read shows nothing (the Arc cluster user role only lists
        // credentials), and neither does no role at all.
        UUID credentialsOnly = UUID.randomUUID();
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), BuiltInRoles.ARC_CLUSTER_USER,
                credentialsOnly, "User", "test");
        assertThat(names(t.user(credentialsOnly), "")).isEmpty();
        assertThat(names(t.user(UUID.randomUUID()), "")).isEmpty();

        // The same principal id presenting another tenant's token sees nothing of this tenant.
        String elsewhere = idp.user(other.tenantId().toString(), groupReader.toString()).sign();
        assertThat(names(elsewhere, both)).isEmpty();

        // A platform administrator of any tenant sees the whole fleet.
        assertThat(names(admin(), both)).containsExactly("b1", "b2", "foreign", "g1");

        // The summary counts what the list shows.
        assertThat(as(t.user(groupReader)).get(INVENTORY + "/summary").then().statusCode(200).extract()
                .jsonPath().getLong("totals.clusters")).isEqualTo(2);
        assertThat(as(memberToken).get(INVENTORY + "/summary?groupBy=resourceGroup").then().statusCode(200).extract()
                .jsonPath().getList("groups.keys.resourceGroup")).containsExactly(t.subscriptionId() + "/green");
        assertThat(as(admin()).get(INVENTORY + "/summary?" + both).then().statusCode(200).extract()
                .jsonPath().getLong("totals.clusters")).isEqualTo(4);

        // The timeline: readable clusters only; another's cluster is simply not found.
        as(t.user(groupReader)).get(INVENTORY + "/clusters/" + t.subscriptionId() + "/blue/b1/timeline").then()
                .statusCode(200);
        as(t.user(groupReader)).get(INVENTORY + "/clusters/" + t.subscriptionId() + "/green/g1/timeline").then()
                .statusCode(404);
        as(t.owner()).get(INVENTORY + "/clusters/" + other.subscriptionId() + "/rg/foreign/timeline").then()
                .statusCode(404);
        as(admin()).get(INVENTORY + "/clusters/" + other.subscriptionId() + "/rg/foreign/timeline").then()
                .statusCode(200);
    }

    @Test
    void accessRevokedThroughArmIsGoneFromTheNextPage() {
        Tenant t = readyTenant("rg");
        connect(t, "rg", "c1", "eastus", "{}", "k3s", "generic");
        UUID reader = UUID.randomUUID();
        String assignment = grant(t, "/resourceGroups/rg", BuiltInRoles.READER, reader);
        assertThat(names(t.user(reader), "")).containsExactly("c1");
        as(t.owner()).delete(assignment).then().statusCode(200);
        assertThat(names(t.user(reader), "")).isEmpty();
    }
}
