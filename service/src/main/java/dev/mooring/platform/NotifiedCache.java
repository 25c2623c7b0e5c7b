package dev.mooring.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An in-memory copy of rows that any replica may change, kept current by a PostgreSQL channel whose payload
 * names the key that changed (a trigger sends it on commit, see the migrations): a hot path reads memory, and a
 * change reaches every replica in milliseconds. Absent rows are never cached (the loader returns null), so a
 * row written later is seen at once. Entries unused for {@link #IDLE} leave, which bounds memory by what is in
 * use; a lost listening connection drops everything.
 *
 * <p>A load racing a change cannot leave a stale entry: the notification's invalidation waits for a load of the
 * same key in progress and removes what it loaded.
 */
public final class NotifiedCache<K, V> implements DatabaseListener.Subscriber {

    /** Longer than an agent's heartbeat interval (five minutes), so a live cluster's entries stay. */
    static final Duration IDLE = Duration.ofMinutes(15);

    /** Told after an entry (or all of them) is dropped, for those who wait on a change. */
    public interface Changes<K> {

        void dropped(K key);

        void droppedAll();
    }

    private final String channel;
    private final Function<String, K> keyOfPayload;
    private final Function<K, V> loader;
    private final Changes<K> changes;
    private final Cache<K, V> entries;

    public NotifiedCache(DatabaseListener listener, String channel, Function<String, K> keyOfPayload,
            long maximumSize, Function<K, V> loader, Changes<K> changes) {
        this.channel = channel;
        this.keyOfPayload = keyOfPayload;
        this.loader = loader;
        this.changes = changes;
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(IDLE).build();
        listener.follow(this);
    }

    public NotifiedCache(DatabaseListener listener, String channel, Function<String, K> keyOfPayload,
            long maximumSize, Function<K, V> loader) {
        this(listener, channel, keyOfPayload, maximumSize, loader, null);
    }

    /** The value, read from the database only when not held; null when the loader finds none. */
    public V get(K key) {
        return entries.get(key, loader);
    }

    /** Drops {@code key} now, and again once the current transaction commits (the change is then visible). */
    public void invalidateAfterCommit(K key) {
        invalidate(key);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    invalidate(key);
                }
            });
        }
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public void notified(String payload) {
        K key;
        try {
            key = keyOfPayload.apply(payload);
        } catch (IllegalArgumentException unreadable) {
            missedSome();
            return;
        }
        invalidate(key);
    }

    @Override
    public void missedSome() {
        entries.invalidateAll();
        if (changes != null) {
            changes.droppedAll();
        }
    }

    private void invalidate(K key) {
        entries.invalidate(key);
        if (changes != null) {
            changes.dropped(key);
        }
    }
}
