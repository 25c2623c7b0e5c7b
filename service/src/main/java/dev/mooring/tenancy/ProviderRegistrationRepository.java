package dev.mooring.tenancy;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ProviderRegistrationRepository extends JpaRepository<ProviderRegistration, ProviderRegistration.Key> {

    @Modifying
    @Query("delete from ProviderRegistration r where r.key.subscriptionId = :subscriptionId")
    int deleteBySubscription(UUID subscriptionId);
}
