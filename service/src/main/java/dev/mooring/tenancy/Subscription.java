package dev.mooring.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A subscription Mooring serves, owned by one tenant. */
@Entity
@Table(name = "subscriptions")
class Subscription {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SubscriptionState state;

    @Column(name = "registration_date")
    private Instant registrationDate;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Subscription() {
    }

    Subscription(UUID id, UUID tenantId, String displayName, SubscriptionState state, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.displayName = displayName;
        this.state = state;
        this.registrationDate = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID tenantId() {
        return tenantId;
    }

    String displayName() {
        return displayName;
    }

    SubscriptionState state() {
        return state;
    }
}
