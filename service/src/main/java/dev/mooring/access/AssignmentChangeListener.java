package dev.mooring.access;

import dev.mooring.platform.DatabaseListener;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Follows PostgreSQL channel {@value #CHANNEL} and drops the cached assignments of each principal named in a
 * notification, so that a role change made on any replica takes effect on all of them. While the listening
 * connection is down nothing is cached for long: the whole cache is dropped on reconnect.
 */
@Component
class AssignmentChangeListener implements DatabaseListener.Subscriber {

    static final String CHANNEL = "role_assignments_changed";

    private final AssignmentCache cache;

    AssignmentChangeListener(AssignmentCache cache, DatabaseListener listener) {
        this.cache = cache;
        listener.follow(this);
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void notified(String payload) {
        try {
            cache.invalidate(UUID.fromString(payload));
        } catch (IllegalArgumentException e) {
            cache.invalidateAll();
        }
    }

    @Override
    public void missedSome() {
        cache.invalidateAll();
    }
}
