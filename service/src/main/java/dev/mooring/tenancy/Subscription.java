package dev.mooring.tenancy;

import dev.mooring.platform.JsonMapConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A subscription Mooring serves, owned by one tenant, in the state ARM's lifecycle notifications last set. */
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

    @Convert(converter = JsonMapConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private Map<String, Object> properties;

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
        this.properties = Map.of("tenantId", tenantId.toString());
        this.createdAt = now;
        this.updatedAt = now;
    }

    void apply(SubscriptionState newState, Instant newRegistrationDate, Map<String, Object> newProperties, Instant now) {
        this.state = newState;
        this.registrationDate = newRegistrationDate == null ? registrationDate : newRegistrationDate;
        this.properties = newProperties;
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
