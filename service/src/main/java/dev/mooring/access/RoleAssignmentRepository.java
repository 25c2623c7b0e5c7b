package dev.mooring.access;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RoleAssignmentRepository extends JpaRepository<RoleAssignment, UUID> {

    boolean existsByScopeKeyAndRoleDefinitionIdAndPrincipalId(String scopeKey, UUID roleDefinitionId, UUID principalId);

    @Query("select distinct r.subscriptionId from RoleAssignment r where r.principalId in :principals")
    List<UUID> findSubscriptionIdsByPrincipalIdIn(Collection<UUID> principals);
}
