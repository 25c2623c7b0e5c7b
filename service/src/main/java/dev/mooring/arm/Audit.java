package dev.mooring.arm;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** The columns behind a resource's {@link SystemData}: who created and last modified it, and when. */
@Embeddable
public class Audit {

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_by_type", nullable = false)
    private String createdByType;
    @Column(name = "last_modified_at", nullable = false)
    private Instant lastModifiedAt;
    @Column(name = "last_modified_by", nullable = false)
    private String lastModifiedBy;
    @Column(name = "last_modified_by_type", nullable = false)
    private String lastModifiedByType;

    protected Audit() {
    }

    public static Audit created(SystemData.Actor actor, Instant now) {
        Audit audit = new Audit();
        audit.createdAt = now;
        audit.createdBy = actor.name();
        audit.createdByType = actor.type();
        audit.modified(actor, now);
        return audit;
    }

    public void modified(SystemData.Actor actor, Instant now) {
        this.lastModifiedAt = now;
        this.lastModifiedBy = actor.name();
        this.lastModifiedByType = actor.type();
    }

    public SystemData systemData() {
        return new SystemData(createdBy, createdByType, createdAt, lastModifiedBy, lastModifiedByType, lastModifiedAt);
    }
}
