package dev.mooring.access;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;

interface RoleAssignmentRepository extends JpaRepository<RoleAssignment, UUID> {

    boolean existsByScopeKeyAndRoleDefinitionIdAndPrincipalId(String scopeKey, UUID roleDefinitionId, UUID principalId);

    boolean existsByScopeKeyAndRoleDefinitionId(String scopeKey, UUID roleDefinitionId);

    List<RoleAssignment> findByPrincipalId(UUID principalId);

    @Query("select distinct r.subscriptionId from RoleAssignment r where r.principalId in :principals and r.tenantId = :tenant")
    List<UUID> findSubscriptionIdsByPrincipalIdInAndTenantId(Collection<UUID> principals, UUID tenant);

    /**
     * One page of the assignments at, above ({@code ancestors}) or, when {@code below} is true, under
     * {@code scopeKey}; optionally for one principal. Keyset-paged by id.
     */
    @NativeQuery("""
            select * from role_assignments
             where tenant_id = :tenant
               and (scope_key in (:ancestors) or (:below and starts_with(scope_key, :scopePrefix)))
               and (cast(:principal as uuid) is null or principal_id = cast(:principal as uuid))
               and (cast(:after as uuid) is null or id > cast(:after as uuid))
             order by id
             limit :limit""")
    List<RoleAssignment> findVisible(UUID tenant, Collection<String> ancestors, boolean below, String scopePrefix,
            String principal, String after, int limit);

    /** The principals holding assignments at or under a scope (whose caches a cascade delete must drop). */
    @NativeQuery("select distinct principal_id from role_assignments"
            + " where scope_key = :scopeKey or starts_with(scope_key, :scopeKey || '/')")
    List<UUID> findPrincipalsAtOrUnder(String scopeKey);

    @Modifying
    @NativeQuery("delete from role_assignments where scope_key = :scopeKey or starts_with(scope_key, :scopeKey || '/')")
    int deleteAtOrUnder(String scopeKey);
}
