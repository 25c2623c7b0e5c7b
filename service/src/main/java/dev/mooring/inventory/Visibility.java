package dev.mooring.inventory;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.Guids;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which clusters a caller sees in the inventory, as one SQL condition so that pages and counts stay exact:
 * a platform administrator sees the whole fleet; anyone else exactly the clusters ARM lets it read, that is
 * those at or under a scope where one of its role assignments (its own or its groups', in its tenant) grants
 * {@code Microsoft.Kubernetes/connectedClusters/read}, in subscriptions of its own tenant.
 */
@Component
class Visibility {

    private final ArmAuthorizer authorizer;
    private final JdbcTemplate jdbc;

    Visibility(ArmAuthorizer authorizer, JdbcTemplate jdbc) {
        this.authorizer = authorizer;
        this.jdbc = jdbc;
    }

    /** Adds the caller's condition to {@code sql}. */
    void restrict(CallerIdentity caller, Sql sql) {
        restrict(caller, sql, false);
    }

    /**
     * Adds the caller's condition to {@code sql} when it is made of whole subscriptions (or the whole fleet) and
     * answers true; answers false, adding nothing, for a caller that sees resource groups or single clusters.
     */
    boolean restrictToWholeSubscriptions(CallerIdentity caller, Sql sql) {
        return restrict(caller, sql, true);
    }

    private boolean restrict(CallerIdentity caller, Sql sql, boolean wholeSubscriptionsOnly) {
        if (caller.isPlatformAdmin()) {
            return true;
        }
        UUID tenant = Guids.parse(caller.tenantId());
        List<String> scopes = tenant == null ? List.of()
                : authorizer.scopesGranting(caller, ArmAction.CONNECTED_CLUSTERS_READ.action());
        List<String> subscriptions = new ArrayList<>();
        List<String> groupSubscriptions = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> clusterSubscriptions = new ArrayList<>();
        List<String> clusterGroups = new ArrayList<>();
        List<String> clusters = new ArrayList<>();
        boolean wholeTenant = false;
        for (String scope : scopes) {
            String[] s = scope.split("/", -1);
            if (scope.equals("/")) {
                wholeTenant = true;
            } else if (s.length == 3 && s[1].equals("subscriptions") && Guids.parse(s[2]) != null) {
                subscriptions.add(s[2]);
            } else if (s.length == 5 && s[1].equals("subscriptions") && s[3].equals("resourcegroups")
                    && Guids.parse(s[2]) != null) {
                groupSubscriptions.add(s[2]);
                groups.add(s[4]);
            } else if (s.length == 9 && s[1].equals("subscriptions") && s[3].equals("resourcegroups")
                    && s[5].equals("providers") && s[6].equals("microsoft.kubernetes")
                    && s[7].equals("connectedclusters") && Guids.parse(s[2]) != null) {
                clusterSubscriptions.add(s[2]);
                clusterGroups.add(s[4]);
                clusters.add(s[8]);
            }
            // Scopes of other resources, or below a cluster (its extensions), grant no cluster read.
        }
        if (tenant == null || (!wholeTenant && subscriptions.isEmpty() && groups.isEmpty() && clusters.isEmpty())) {
            sql.and("false");
            return true;
        }
        if (wholeSubscriptionsOnly && !wholeTenant && !(groups.isEmpty() && clusters.isEmpty())) {
            return false;
        }
        // Tenant-bound: only subscriptions of the caller's own tenant, whatever the assignments say.
        Set<UUID> tenantSubscriptions = Set.copyOf(jdbc.queryForList(
                "select id from subscriptions where tenant_id = ?", UUID.class, tenant));
        sql.and("i.subscription_id = any(?::uuid[])", (Object) tenantSubscriptions.stream().map(UUID::toString)
                .toArray(String[]::new));
        if (wholeTenant) {
            return true;
        }
        if (groups.isEmpty() && clusters.isEmpty()) {
            sql.and("i.subscription_id = any(?::uuid[])", (Object) subscriptions.toArray(String[]::new));
            return true;
        }
        sql.and("(i.subscription_id = any(?::uuid[])"
                        + " or (i.subscription_id, i.resource_group_key) in (select * from unnest(?::uuid[], ?::text[]))"
                        + " or (i.subscription_id, i.resource_group_key, i.name_key)"
                        + " in (select * from unnest(?::uuid[], ?::text[], ?::text[])))",
                subscriptions.toArray(String[]::new), groupSubscriptions.toArray(String[]::new),
                groups.toArray(String[]::new), clusterSubscriptions.toArray(String[]::new),
                clusterGroups.toArray(String[]::new), clusters.toArray(String[]::new));
        return true;
    }
}
