package dev.mooring.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A role granted to a principal at a scope (subscription, resource group, resource or extension resource). */
@Entity
@Table(name = "role_assignments")
class RoleAssignment {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String scope;

    @Column(name = "scope_key", nullable = false)
    private String scopeKey;

    @Column(name = "subscription_id", nullable = false)
    private UUID subscriptionId;

    @Column(name = "role_definition_id", nullable = false)
    private UUID roleDefinitionId;

    @Column(name = "principal_id", nullable = false)
    private UUID principalId;

    @Column(name = "principal_type", nullable = false)
    private String principalType;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column
    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected RoleAssignment() {
    }

    RoleAssignment(UUID id, String scope, UUID subscriptionId, UUID roleDefinitionId, UUID principalId,
            String principalType, UUID tenantId, String description, String createdBy, Instant createdAt) {
        this.id = id;
        this.scope = scope;
        this.scopeKey = scope.toLowerCase(Locale.ROOT);
        this.subscriptionId = subscriptionId;
        this.roleDefinitionId = roleDefinitionId;
        this.principalId = principalId;
        this.principalType = principalType;
        this.tenantId = tenantId;
        this.description = description;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.updatedBy = createdBy;
        this.updatedAt = createdAt;
    }

    UUID id() {
        return id;
    }

    String scope() {
        return scope;
    }

    String scopeKey() {
        return scopeKey;
    }

    UUID subscriptionId() {
        return subscriptionId;
    }

    UUID roleDefinitionId() {
        return roleDefinitionId;
    }

    UUID principalId() {
        return principalId;
    }

    String principalType() {
        return principalType;
    }

    UUID tenantId() {
        return tenantId;
    }

    String description() {
        return description;
    }

    Instant createdAt() {
        return createdAt;
    }

    String createdBy() {
        return createdBy;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    String updatedBy() {
        return updatedBy;
    }
}
