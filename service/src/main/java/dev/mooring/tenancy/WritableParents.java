package dev.mooring.tenancy;

import dev.mooring.arm.Bounded;
import dev.mooring.arm.errors.ArmException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one rule for writing under a parent: the parent must exist and must not be being deleted. Every
 * resource type calls it in the transaction that writes the child. The group (and subscription) row is read
 * {@code FOR SHARE}: a delete that marks the parent Deleting waits for the child's write to commit (and then
 * deletes the child with the rest), or commits first and the child's write is refused. Either way no child
 * is acknowledged that its parent's delete misses.
 */
@Component
public class WritableParents {

    private final JdbcTemplate jdbc;

    WritableParents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The resource group exists, is not being deleted, and its subscription accepts writes; until commit it stays so. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void requireGroup(UUID subscriptionId, String resourceGroup) {
        List<String[]> rows = jdbc.query("""
                select g.provisioning_state, s.state
                  from resource_groups g join subscriptions s on s.id = g.subscription_id
                 where g.subscription_id = ? and g.name_key = lower(?)
                   for share""", (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, subscriptionId, resourceGroup);
        if (rows.isEmpty()) {
            throw ResourceGroups.notFound(resourceGroup);
        }
        String subscriptionState = rows.getFirst()[1];
        if (!SubscriptionState.Registered.name().equals(subscriptionState)) {
            throw new ArmException(HttpStatus.CONFLICT, "InvalidSubscriptionState", "The subscription '" + subscriptionId
                    + "' is in state '" + subscriptionState + "', which does not allow writes.");
        }
        if (ResourceGroup.DELETING.equals(rows.getFirst()[0])) {
            throw ResourceGroups.beingDeleted(resourceGroup);
        }
    }

    /**
     * A parent resource other than a group (a connected cluster for its extension resources) refuses new
     * children while it is being deleted. The caller reads the parent's provisioning state {@code FOR SHARE}.
     */
    public static void requireNotDeleting(String parentType, String parentName, String provisioningState) {
        if (ResourceGroup.DELETING.equals(provisioningState)) {
            throw new ArmException(HttpStatus.CONFLICT, "ParentResourceIsBeingDeleted", "The parent resource '"
                    + parentType + "/" + Bounded.text(parentName) + "' is being deleted and cannot accept this operation.");
        }
    }
}
