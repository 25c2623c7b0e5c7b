package dev.mooring.tenancy;

import dev.mooring.arm.Audit;
import dev.mooring.arm.Preconditions;
import dev.mooring.arm.SystemData;
import dev.mooring.platform.JsonMapConverter;
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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A resource group: a named, located container of resources in a subscription. */
@Entity
@Table(name = "resource_groups")
class ResourceGroup {

    static final String SUCCEEDED = "Succeeded";
    static final String DELETING = "Deleting";

    record Key(UUID subscriptionId, String nameKey) implements Serializable {

        static Key of(UUID subscriptionId, String name) {
            return new Key(subscriptionId, name.toLowerCase(Locale.ROOT));
        }
    }

    @EmbeddedId
    private Key key;
    @Column(nullable = false)
    private String name;
    @Column(nullable = false)
    private String location;
    @Convert(converter = JsonMapConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private Map<String, Object> tags;
    @Column(name = "managed_by")
    private String managedBy;
    @Column(name = "provisioning_state", nullable = false)
    private String provisioningState;
    @Column(nullable = false)
    private String etag;
    @Embedded
    private Audit audit;
    @Version
    private long version;

    protected ResourceGroup() {
    }

    ResourceGroup(UUID subscriptionId, String name, String location, Map<String, String> tags, String managedBy,
            SystemData.Actor actor, Instant now) {
        this.key = Key.of(subscriptionId, name);
        this.name = name;
        this.location = location;
        this.tags = new LinkedHashMap<>(tags);
        this.managedBy = managedBy;
        this.provisioningState = SUCCEEDED;
        this.etag = Preconditions.newEtag();
        this.audit = Audit.created(actor, now);
    }

    /** A PUT on an existing group: the casing the caller last used, and the new tags and managedBy. */
    void replace(String newName, Map<String, String> newTags, String newManagedBy, SystemData.Actor actor, Instant now) {
        this.name = newName;
        this.tags = new LinkedHashMap<>(newTags);
        this.managedBy = newManagedBy;
        this.provisioningState = SUCCEEDED;
        touched(actor, now);
    }

    void patch(Map<String, String> newTags, String newManagedBy, SystemData.Actor actor, Instant now) {
        if (newTags != null) {
            this.tags = new LinkedHashMap<>(newTags);
        }
        if (newManagedBy != null) {
            this.managedBy = newManagedBy;
        }
        touched(actor, now);
    }

    void markDeleting(SystemData.Actor actor, Instant now) {
        this.provisioningState = DELETING;
        touched(actor, now);
    }

    private void touched(SystemData.Actor actor, Instant now) {
        this.audit.modified(actor, now);
        this.etag = Preconditions.newEtag();
    }

    Key key() {
        return key;
    }

    UUID subscriptionId() {
        return key.subscriptionId();
    }

    String name() {
        return name;
    }

    String location() {
        return location;
    }

    Map<String, String> tags() {
        return JsonMapConverter.asStrings(tags);
    }

    String managedBy() {
        return managedBy;
    }

    String provisioningState() {
        return provisioningState;
    }

    boolean isDeleting() {
        return DELETING.equals(provisioningState);
    }

    String etag() {
        return etag;
    }

    String id() {
        return "/subscriptions/" + key.subscriptionId() + "/resourceGroups/" + name;
    }

    SystemData systemData() {
        return audit.systemData();
    }
}
