package dev.mooring.tenancy;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface SubscriptionRepository extends JpaRepository<Subscription, UUID> {

    List<Subscription> findByTenantIdAndIdInOrderById(UUID tenantId, Collection<UUID> ids);
}
