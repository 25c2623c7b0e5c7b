package dev.mooring.configurations;

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
import java.util.Locale;
import java.util.UUID;

/**
 * A GitOps configuration of a connected cluster: the internal model of
 * {@code Microsoft.KubernetesConfiguration/sourceControlConfigurations}. Protected settings are held sealed
 * only; nothing here can turn them back into text.
 */
@Entity
@Table(name = "source_control_configurations")
class SourceControlConfiguration {

    static final String TYPE = "Microsoft.KubernetesConfiguration/sourceControlConfigurations";
    static final String SUCCEEDED = "Succeeded";
    static final String DELETING = "Deleting";
    static final String PENDING = "Pending";
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
    @Column(name = "repository_url", nullable = false)
    private String repositoryUrl;
    @Column(name = "operator_namespace", nullable = false)
    private String operatorNamespace;
    @Column(name = "operator_instance_name", nullable = false)
    private String operatorInstanceName;
    @Column(name = "operator_type", nullable = false)
    private String operatorType;
    @Column(name = "operator_scope", nullable = false)
    private String operatorScope;
    @Column(name = "operator_params")
    private String operatorParams;
    @Column(name = "ssh_known_hosts_contents")
    private String sshKnownHostsContents;
    @Column(name = "enable_helm_operator")
    private Boolean enableHelmOperator;
    @Column(name = "helm_chart_version")
    private String helmChartVersion;
    @Column(name = "helm_chart_values")
    private String helmChartValues;
    @Column(name = "repository_public_key")
    private String repositoryPublicKey;
    @Column(name = "provisioning_state", nullable = false)
    private String provisioningState;
    @Column(name = "compliance_state", nullable = false)
    private String complianceState;
    @Column(name = "last_config_applied")
    private Instant lastConfigApplied;
    @Column(name = "compliance_message")
    private String complianceMessage;
    @Column(name = "compliance_message_level")
    private String complianceMessageLevel;
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

    protected SourceControlConfiguration() {
    }

    static SourceControlConfiguration create(UUID clusterId, UUID subscriptionId, String name, ConfigurationSpec spec,
            SystemData.Actor actor, Instant now) {
        SourceControlConfiguration c = new SourceControlConfiguration();
        c.key = Key.of(clusterId, name);
        c.subscriptionId = subscriptionId;
        c.operatorNamespace = spec.operatorNamespace();
        c.operatorInstanceName = spec.operatorInstanceName();
        c.operatorType = spec.operatorType();
        c.operatorScope = spec.operatorScope();
        c.provisioningState = SUCCEEDED;
        c.complianceState = PENDING;
        c.audit = Audit.created(actor, now);
        c.replace(name, spec, actor, now);
        return c;
    }

    /** A PUT on an existing configuration; the operator fields were checked to be unchanged. */
    void replace(String newName, ConfigurationSpec spec, SystemData.Actor actor, Instant now) {
        this.name = newName;
        this.repositoryUrl = spec.repositoryUrl();
        this.operatorParams = spec.operatorParams();
        this.sshKnownHostsContents = spec.sshKnownHostsContents();
        this.enableHelmOperator = spec.enableHelmOperator();
        this.helmChartVersion = spec.helmChartVersion();
        this.helmChartValues = spec.helmChartValues();
        this.provisioningState = SUCCEEDED;
        this.complianceState = PENDING;
        this.audit.modified(actor, now);
    }

    /** New protected settings replace the old ones (and are due for delivery again). */
    void seal(Sealed sealed) {
        this.protectedSettings = sealed.ciphertext();
        this.protectedSettingsKeyId = sealed.keyId();
        this.protectedSettingsFetchedAt = null;
    }

    void markDeleting(SystemData.Actor actor, Instant now) {
        this.provisioningState = DELETING;
        this.audit.modified(actor, now);
    }

    /** A delete the agent did not confirm: the configuration stays, and is delivered to apply again. */
    void markFailed() {
        this.provisioningState = FAILED;
    }

    Sealed sealed() {
        return protectedSettings == null ? null : new Sealed(protectedSettingsKeyId, protectedSettings);
    }

    /** What the sealed settings are bound to, so that a ciphertext copied to another row does not open. */
    String sealedFor() {
        return key.clusterId() + "/" + key.nameKey();
    }

    Key key() { return key; }
    String name() { return name; }
    UUID subscriptionId() { return subscriptionId; }
    String repositoryUrl() { return repositoryUrl; }
    String operatorNamespace() { return operatorNamespace; }
    String operatorInstanceName() { return operatorInstanceName; }
    String operatorType() { return operatorType; }
    String operatorScope() { return operatorScope; }
    String operatorParams() { return operatorParams; }
    String sshKnownHostsContents() { return sshKnownHostsContents; }
    Boolean enableHelmOperator() { return enableHelmOperator; }
    String helmChartVersion() { return helmChartVersion; }
    String helmChartValues() { return helmChartValues; }
    String repositoryPublicKey() { return repositoryPublicKey; }
    String provisioningState() { return provisioningState; }
    boolean isDeleting() { return DELETING.equals(provisioningState); }
    String complianceState() { return complianceState; }
    Instant lastConfigApplied() { return lastConfigApplied; }
    String complianceMessage() { return complianceMessage; }
    String complianceMessageLevel() { return complianceMessageLevel; }
    SystemData systemData() { return audit.systemData(); }
}
