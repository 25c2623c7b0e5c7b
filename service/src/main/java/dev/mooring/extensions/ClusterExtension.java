package dev.mooring.extensions;

import dev.mooring.arm.Audit;
import dev.mooring.arm.SystemData;
import dev.mooring.platform.JsonMapConverter;
import dev.mooring.secrets.Sealed;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * An extension of a connected cluster: the internal model of {@code Microsoft.KubernetesConfiguration/extensions}.
 * {@code targetVersion} is what the agent is asked to install (the pinned version, or the newest the catalogue
 * offers in the release train); {@code currentVersion} is what the agent last reported installed. Protected
 * settings are held sealed only.
 */
@Entity
@Table(name = "cluster_extensions")
class ClusterExtension {

    static final String TYPE = "Microsoft.KubernetesConfiguration/extensions";
    static final String CREATING = "Creating";
    static final String UPDATING = "Updating";
    static final String DELETING = "Deleting";
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";

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
    @Column(name = "extension_type", nullable = false)
    private String extensionType;
    @Column(name = "release_train", nullable = false)
    private String releaseTrain;
    @Column(name = "pinned_version")
    private String pinnedVersion;
    @Column(name = "auto_upgrade_minor_version", nullable = false)
    private boolean autoUpgradeMinorVersion;
    @Column(name = "auto_upgrade_mode")
    private String autoUpgradeMode;
    @Column(nullable = false)
    private String scope;
    @Column(nullable = false)
    private String namespace;
    @Convert(converter = JsonMapConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "configuration_settings", nullable = false, columnDefinition = "jsonb")
    private Map<String, Object> configurationSettings;
    @Column(name = "target_version", nullable = false)
    private String targetVersion;
    @Column(name = "current_version")
    private String currentVersion;
    @Column(name = "package_uri")
    private String packageUri;
    @Column(name = "provisioning_state", nullable = false)
    private String provisioningState;
    @Column(name = "removal_requested", nullable = false)
    private boolean removalRequested;
    @Convert(converter = StatusesConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<ExtensionStatus> statuses;
    @Column(name = "error_code")
    private String errorCode;
    @Column(name = "error_message")
    private String errorMessage;
    @Column(name = "identity_type")
    private String identityType;
    @Column(name = "principal_id")
    private UUID principalId;
    @Column(name = "identity_tenant_id")
    private UUID identityTenantId;
    @Column(name = "is_system_extension", nullable = false)
    private boolean systemExtension;
    @Column(name = "managed_by")
    private String managedBy;
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

    protected ClusterExtension() {
    }

    /** A new extension, to be installed at {@code targetVersion} from {@code packageUri}. */
    static ClusterExtension create(UUID clusterId, UUID subscriptionId, String name, ExtensionSpec spec,
            String targetVersion, String packageUri, UUID identityTenantId, SystemData.Actor actor, Instant now) {
        ClusterExtension e = new ClusterExtension();
        e.key = Key.of(clusterId, name);
        e.name = name;
        e.subscriptionId = subscriptionId;
        e.extensionType = spec.extensionType();
        e.scope = spec.scope();
        e.namespace = spec.namespace();
        e.statuses = List.of();
        e.audit = Audit.created(actor, now);
        e.apply(spec, targetVersion, packageUri, actor, now);
        e.provisioningState = CREATING;
        if (spec.systemAssignedIdentity()) {
            e.identityType = "SystemAssigned";
            e.principalId = UUID.randomUUID();
            e.identityTenantId = identityTenantId;
        }
        return e;
    }

    /** The mutable properties from a PUT or PATCH (type and scope were checked to be unchanged). */
    void apply(ExtensionSpec spec, String targetVersion, String packageUri, SystemData.Actor actor, Instant now) {
        this.releaseTrain = spec.releaseTrain();
        this.pinnedVersion = spec.version();
        this.autoUpgradeMinorVersion = spec.autoUpgradeMinorVersion();
        this.autoUpgradeMode = spec.autoUpgradeMode();
        this.configurationSettings = new LinkedHashMap<>(spec.configurationSettings());
        this.targetVersion = targetVersion;
        this.packageUri = packageUri;
        this.provisioningState = UPDATING;
        this.removalRequested = false;
        this.errorCode = null;
        this.errorMessage = null;
        this.audit.modified(actor, now);
    }

    /** The catalogue offers a newer version in the train: the agent is asked to move to it. */
    void upgradeTo(String version, String packageUri) {
        this.targetVersion = version;
        this.packageUri = packageUri;
    }

    /** New protected settings replace the old ones (and are due for delivery again). */
    void seal(Sealed sealed) {
        this.protectedSettings = sealed.ciphertext();
        this.protectedSettingsKeyId = sealed.keyId();
        this.protectedSettingsFetchedAt = null;
    }

    void markDeleting(SystemData.Actor actor, Instant now) {
        this.provisioningState = DELETING;
        this.removalRequested = true;
        this.audit.modified(actor, now);
    }

    /** The agent's report: what is installed, its statuses, and an error if the installation failed. */
    void reported(String installState, String reportedVersion, List<ExtensionStatus> reportedStatuses,
            String reportedErrorCode, String reportedErrorMessage) {
        if (reportedStatuses != null) {
            this.statuses = List.copyOf(reportedStatuses);
        }
        if (reportedVersion != null) {
            this.currentVersion = reportedVersion;
        }
        if (removalRequested) {
            return;
        }
        switch (installState) {
            case ExtensionReport.INSTALLED -> {
                this.provisioningState = SUCCEEDED;
                this.errorCode = null;
                this.errorMessage = null;
            }
            case ExtensionReport.FAILED -> fail(reportedErrorCode == null ? "ExtensionInstallationFailed"
                    : reportedErrorCode, reportedErrorMessage == null ? "The cluster's agent could not install the"
                    + " extension." : reportedErrorMessage);
            default -> {
            }
        }
    }

    void fail(String code, String message) {
        this.provisioningState = FAILED;
        this.errorCode = code;
        this.errorMessage = message;
    }

    Sealed sealed() {
        return protectedSettings == null ? null : new Sealed(protectedSettingsKeyId, protectedSettings);
    }

    /** What the sealed settings are bound to, so that a ciphertext copied to another row does not open. */
    String sealedFor() {
        return "extension/" + key.clusterId() + "/" + key.nameKey();
    }

    Key key() { return key; }
    String name() { return name; }
    UUID subscriptionId() { return subscriptionId; }
    String extensionType() { return extensionType; }
    String releaseTrain() { return releaseTrain; }
    String pinnedVersion() { return pinnedVersion; }
    boolean autoUpgradeMinorVersion() { return autoUpgradeMinorVersion; }
    String autoUpgradeMode() { return autoUpgradeMode; }
    String scope() { return scope; }
    String namespace() { return namespace; }
    Map<String, String> configurationSettings() { return JsonMapConverter.asStrings(configurationSettings); }
    String targetVersion() { return targetVersion; }
    String currentVersion() { return currentVersion; }
    String packageUri() { return packageUri; }
    String provisioningState() { return provisioningState; }
    boolean isDeleting() { return DELETING.equals(provisioningState); }
    /** Whether the agent is to remove it: being deleted, or a delete that timed out (until a PUT asks for it again). */
    boolean isRemovalRequested() { return removalRequested; }
    List<ExtensionStatus> statuses() { return statuses; }
    String errorCode() { return errorCode; }
    String errorMessage() { return errorMessage; }
    String identityType() { return identityType; }
    UUID principalId() { return principalId; }
    UUID identityTenantId() { return identityTenantId; }
    boolean isSystemExtension() { return systemExtension; }
    String managedBy() { return managedBy; }
    boolean hasProtectedSettings() { return protectedSettings != null; }
    SystemData systemData() { return audit.systemData(); }
}
