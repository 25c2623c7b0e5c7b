package dev.mooring.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The replica's clock set to the database's: the local clock plus the offset last measured against PostgreSQL's
 * {@code clock_timestamp()}. Every time another replica compares (operation scheduling, leases, heartbeats'
 * {@code last_seen}, connectivity) is taken from it, so a replica whose own clock runs fast or slow still agrees
 * with the others. Ticks in microseconds, PostgreSQL's precision.
 */
final class DatabaseAlignedClock extends Clock {

    private final Clock local;
    private volatile Duration offset = Duration.ZERO;

    DatabaseAlignedClock(Clock local) {
        this.local = Clock.tick(local, Duration.ofNanos(1_000));
    }

    void align(Duration databaseMinusLocal) {
        this.offset = databaseMinusLocal;
    }

    Duration offset() {
        return offset;
    }

    /** The local clock, without the offset (to measure it). */
    Instant localInstant() {
        return local.instant();
    }

    @Override
    public Instant instant() {
        return local.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(this, Duration.ZERO).withZone(zone);
    }
}
