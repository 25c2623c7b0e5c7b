package dev.mooring.access;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.testing.ServiceTest;
import dev.mooring.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Another replica changes an assignment (simulated by writing and notifying over a connection of its own):
 * this replica's cached decision follows without waiting for the cache to expire.
 */
class AssignmentChangeListenerTest extends ServiceTest {

    @Autowired
    ArmAuthorizer authorizer;

    @Test
    void aChangeMadeElsewhereReachesThisReplicasCache() throws Exception {
        Tenant t = newTenant();
        UUID principal = UUID.randomUUID();
        CallerIdentity caller = new CallerIdentity(t.tenantId().toString(), principal.toString(), null, "u", false,
                Set.of(), Set.of());
        String action = "Microsoft.Resources/subscriptions/resourceGroups/read";
        assertThat(authorizer.allows(caller, action, t.subscriptionPath())).isFalse(); // now cached as "no grants"

        TestPostgres.Server db = TestPostgres.server();
        try (Connection other = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("""
                    insert into role_assignments (id, scope, scope_key, subscription_id, role_definition_id, principal_id,
                        principal_type, tenant_id, created_by, updated_at, updated_by)
                    values (?, ?, lower(?), ?, ?, ?, 'User', ?, 'other-replica', now(), 'other-replica')""")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, t.subscriptionPath());
                insert.setString(3, t.subscriptionPath());
                insert.setObject(4, t.subscriptionId());
                insert.setObject(5, BuiltInRoles.READER);
                insert.setObject(6, principal);
                insert.setObject(7, t.tenantId());
                insert.executeUpdate();
            }
            try (PreparedStatement notify = other.prepareStatement("select pg_notify(?, ?)")) {
                notify.setString(1, AssignmentChangeListener.CHANNEL);
                notify.setString(2, principal.toString());
                notify.execute();
            }
            other.commit();
        }

        eventually(() -> assertThat(authorizer.allows(caller, action, t.subscriptionPath()))
                .as("the notification dropped the stale cache entry").isTrue());
    }
}
