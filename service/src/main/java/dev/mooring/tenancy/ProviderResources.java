package dev.mooring.tenancy;

import java.util.UUID;

/**
 * Implemented by each feature that keeps resources of a provider namespace: how many a subscription
 * holds, so that unregistering the namespace can be refused while any remain.
 */
public interface ProviderResources {

    String namespace();

    long countIn(UUID subscriptionId);
}
