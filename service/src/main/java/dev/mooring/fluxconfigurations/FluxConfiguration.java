package dev.mooring.fluxconfigurations;

import dev.mooring.arm.Audit;
import dev.mooring.arm.SystemData;
import dev.mooring.secrets.Sealed;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Flux v2 configuration of a connected cluster: the internal model of
 * {@code Microsoft.KubernetesConfiguration/fluxConfigurations}. Its secrets are held sealed only; nothing here
 * can turn them back into text.
 */
@Entity
@Table(name = "flux_configurations")
class FluxConfiguration {

    static final String TYPE = "Microsoft.KubernetesConfiguration/fluxConfigurations";
    static final String CREATING = "Creating";
    static final String UPDATING = "Updating";
    static final String SUCCEEDED = "Succeeded";
    static final String DELETING = "Deleting";
    static final String FAILED = "Failed";
    static final String PENDING = "Pending";
    static final String SUSPENDED = "Suspended";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Key(UUID clusterId, String nameKey) implements Serializable {

        static Key of(UUID clusterId, String name) {
            return new Key(clusterId, name.toLowerCase(Locale.ROOT));
        }
    }

    @EmbeddedId
    private Key key;
    @Column(nullable = false)
    private String name;
    @Column(name = "subscription_id", nullable = false)
    private UUID subscriptionId;
    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private String spec;
    @Column(name = "provisioning_state", nullable = false)
    private String provisioningState;
    @Column(name = "removal_requested", nullable = false)
    private boolean removalRequested;
    @Column(name = "compliance_state", nullable = false)
    private String complianceState;
    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private String statuses;
    @Column(name = "source_synced_commit_id")
    private String sourceSyncedCommitId;
    @Column(name = "source_updated_at")
    private Instant sourceUpdatedAt;
    @Column(name = "status_updated_at")
    private Instant statusUpdatedAt;
    @Column(name = "repository_public_key")
    private String repositoryPublicKey;
    @Column(name = "error_message")
    private String errorMessage;
    @Column(name = "protected_settings")
    private byte[] protectedSettings;
    @Column(name = "protected_settings_key_id")
    private String protectedSettingsKeyId;
    @Column(name = "protected_settings_fetched_at")
    private Instant protectedSettingsFetchedAt;
    @Embedded
    private Audit audit;
    @Version
    private long version;

    protected FluxConfiguration() {
    }

    static FluxConfiguration create(UUID clusterId, UUID subscriptionId, String name, FluxSpec spec,
            SystemData.Actor actor, Instant now) {
        FluxConfiguration c = new FluxConfiguration();
        c.key = Key.of(clusterId, name);
        c.subscriptionId = subscriptionId;
        c.statuses = "[]";
        c.audit = Audit.created(actor, now);
        c.replace(name, spec, actor, now);
        c.provisioningState = CREATING;
        return c;
    }

    /** A PUT or PATCH: the new desired state, to be applied again (compliance starts over). */
    void replace(String newName, FluxSpec newSpec, SystemData.Actor actor, Instant now) {
        this.name = newName;
        this.spec = JSON.writeValueAsString(newSpec);
        this.provisioningState = UPDATING;
        this.removalRequested = false;
        this.complianceState = newSpec.suspend() ? SUSPENDED : PENDING;
        this.errorMessage = null;
        this.audit.modified(actor, now);
    }

    /** New secrets replace the old ones (and are due for delivery again). */
    void seal(Sealed sealed) {
        this.protectedSettings = sealed.ciphertext();
        this.protectedSettingsKeyId = sealed.keyId();
        this.protectedSettingsFetchedAt = null;
    }

    void markSucceeded() {
        this.provisioningState = SUCCEEDED;
    }

    void markDeleting(SystemData.Actor actor, Instant now) {
        this.provisioningState = DELETING;
        this.removalRequested = true;
        this.audit.modified(actor, now);
    }

    void markFailed(String message) {
        this.provisioningState = FAILED;
        this.errorMessage = message;
    }

    /** What the cluster's agent reports; not a user write. */
    void report(FluxStatus status, Instant now) {
        this.complianceState = status.complianceState();
        this.statuses = JSON.writeValueAsString(status.statuses() == null ? List.of() : status.statuses());
        this.sourceSyncedCommitId = status.sourceSyncedCommitId();
        this.sourceUpdatedAt = status.sourceUpdatedAt();
        this.statusUpdatedAt = now;
        if (status.repositoryPublicKey() != null) {
            this.repositoryPublicKey = status.repositoryPublicKey();
        }
        this.errorMessage = status.errorMessage();
    }

    Sealed sealed() {
        return protectedSettings == null ? null : new Sealed(protectedSettingsKeyId, protectedSettings);
    }

    /** What the sealed secrets are bound to, so that a ciphertext copied to another row does not open. */
    String sealedFor() {
        return "flux/" + key.clusterId() + "/" + key.nameKey();
    }

    Key key() { return key; }
    String name() { return name; }
    UUID subscriptionId() { return subscriptionId; }
    FluxSpec spec() { return JSON.readValue(spec, FluxSpec.class); }
    String provisioningState() { return provisioningState; }
    boolean isDeleting() { return DELETING.equals(provisioningState); }
    /** A delete was asked for (and not undone by a later write): the agent is to remove the configuration. */
    boolean isRemovalRequested() { return removalRequested; }
    String complianceState() { return complianceState; }
    List<FluxStatus.ObjectStatus> statuses() {
        return JSON.readValue(statuses, new TypeReference<List<FluxStatus.ObjectStatus>>() { });
    }
    String sourceSyncedCommitId() { return sourceSyncedCommitId; }
    Instant sourceUpdatedAt() { return sourceUpdatedAt; }
    Instant statusUpdatedAt() { return statusUpdatedAt; }
    String repositoryPublicKey() { return repositoryPublicKey; }
    String errorMessage() { return errorMessage; }
    SystemData systemData() { return audit.systemData(); }
}
