package dev.mooring.tenancy;

/**
 * A subscription's state as ARM's subscription lifecycle notification sets it
 * (Registered, Warned, Suspended, Deleted, Unregistered), and how the Subscriptions API reports it.
 */
public enum SubscriptionState {
    Registered("Enabled"),
    Warned("Warned"),
    Suspended("Disabled"),
    Deleted("Deleted"),
    /** Unregistered from Mooring's providers; the subscription itself is still enabled in Azure's terms. */
    Unregistered("Enabled");

    private final String subscriptionsApiState;

    SubscriptionState(String subscriptionsApiState) {
        this.subscriptionsApiState = subscriptionsApiState;
    }

    String subscriptionsApiState() {
        return subscriptionsApiState;
    }
}
