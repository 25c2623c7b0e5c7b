package dev.mooring.arm;

import java.time.Instant;

/**
 * ARM's read-only {@code systemData}: who created and last modified a resource, when, and whether they
 * were a {@code User} or an {@code Application}. Taken from the caller's token, never from the body.
 */
public record SystemData(String createdBy, String createdByType, Instant createdAt,
        String lastModifiedBy, String lastModifiedByType, Instant lastModifiedAt) {

    /** Who acted: a name (upn, app id or object id) and ARM's actor type. */
    public record Actor(String name, String type) {

        public static final String USER = "User";
        public static final String APPLICATION = "Application";
    }

    public static SystemData created(Actor actor, Instant at) {
        return new SystemData(actor.name(), actor.type(), at, actor.name(), actor.type(), at);
    }

    public SystemData modified(Actor actor, Instant at) {
        return new SystemData(createdBy, createdByType, createdAt, actor.name(), actor.type(), at);
    }
}
