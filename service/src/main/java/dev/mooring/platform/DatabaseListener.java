package dev.mooring.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The replica's one PostgreSQL {@code LISTEN} connection, shared by every in-memory cache that must follow
 * changes made on any replica: each {@link Subscriber} names its channel ({@link #follow}) and hears every payload
 * sent on it.
 * A subscriber is told {@link Subscriber#missedSome()} whenever notifications may have been lost (the
 * connection dropped, or it was just opened), so it drops what it holds and reads afresh.
 */
@Component
public class DatabaseListener implements SmartLifecycle {

    /** A cache that follows one channel. */
    public interface Subscriber {

        String channel();

        /** One notification's payload, delivered on the listening thread (keep it short). */
        void notified(String payload);

        /** Notifications may have been missed: drop everything cached. */
        void missedSome();
    }

    private static final Logger log = LoggerFactory.getLogger(DatabaseListener.class);

    private final DataSource dataSource;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private Thread thread;

    DatabaseListener(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Delivers {@code subscriber}'s channel to it from now on (within a second when the listener runs already). */
    public void follow(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("database-listener").start(this::listen);
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
                if (!thread.join(Duration.ofSeconds(3))) {
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
                Set<String> listening = new HashSet<>();
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    listenToNewChannels(connection, listening);
                    PGNotification[] notifications = postgres.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification);
                        }
                    }
                }
            } catch (SQLException e) {
                subscribers.forEach(Subscriber::missedSome);
                if (running) {
                    log.warn("The database notification listener lost its connection; reconnecting", e);
                    sleepQuietly();
                }
            }
        }
    }

    /** Listens to the channels of subscribers new to this connection, who then drop what they may have missed. */
    private void listenToNewChannels(Connection connection, Set<String> listening) throws SQLException {
        for (Subscriber subscriber : subscribers) {
            if (listening.add(subscriber.channel())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + subscriber.channel());
                }
                subscribers.stream().filter(s -> s.channel().equals(subscriber.channel()))
                        .forEach(Subscriber::missedSome);
            }
        }
    }

    private void deliver(PGNotification notification) {
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.channel().equals(notification.getName())) {
                continue;
            }
            try {
                subscriber.notified(notification.getParameter());
            } catch (RuntimeException e) {
                log.warn("Subscriber of {} failed on a notification; it drops its cache", notification.getName(), e);
                subscriber.missedSome();
            }
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
