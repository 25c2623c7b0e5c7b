package dev.mooring.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A subscription's registration with one resource provider namespace. */
@Entity
@Table(name = "provider_registrations")
class ProviderRegistration {

    record Key(UUID subscriptionId, String namespaceKey) implements Serializable {
    }

    @EmbeddedId
    private Key key;

    @Column(nullable = false)
    private String state;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    protected ProviderRegistration() {
    }

    ProviderRegistration(Key key, String state, Instant requestedAt) {
        this.key = key;
        this.state = state;
        this.requestedAt = requestedAt;
    }

    void change(String newState, Instant at) {
        this.state = newState;
        this.requestedAt = at;
    }

    String state() {
        return state;
    }

    Instant requestedAt() {
        return requestedAt;
    }
}
