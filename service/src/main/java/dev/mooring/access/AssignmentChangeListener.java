package dev.mooring.access;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on PostgreSQL channel {@value #CHANNEL} and drops the cached assignments of each principal
 * named in a notification, so that a role change made on any replica takes effect on all of them. While
 * the listening connection is down nothing is cached for long: the whole cache is dropped on reconnect.
 */
@Component
class AssignmentChangeListener implements SmartLifecycle {

    static final String CHANNEL = "role_assignments_changed";

    private static final Logger log = LoggerFactory.getLogger(AssignmentChangeListener.class);

    private final DataSource dataSource;
    private final AssignmentCache cache;
    private volatile boolean running;
    private Thread thread;

    AssignmentChangeListener(DataSource dataSource, AssignmentCache cache) {
        this.dataSource = dataSource;
        this.cache = cache;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("role-assignment-listener").start(this::listen);
    }

    /**
     * Lets the listening loop end by itself (it wakes at least once a second) and returns its connection to the
     * pool before the pool closes. Interrupting it instead closed the connection under it, which the pool then
     * logged, with a stack trace, at every stop.
     */
    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                if (!thread.join(java.time.Duration.ofSeconds(3))) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                cache.invalidateAll();
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            apply(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                cache.invalidateAll();
                if (running) {
                    log.warn("Role assignment change listener lost its connection; reconnecting", e);
                    sleepQuietly();
                }
            }
        }
    }

    private void apply(String payload) {
        try {
            cache.invalidate(UUID.fromString(payload));
        } catch (IllegalArgumentException e) {
            cache.invalidateAll();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
