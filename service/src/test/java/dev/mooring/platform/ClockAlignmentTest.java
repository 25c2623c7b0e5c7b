package dev.mooring.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.testing.ServiceTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** A replica whose clock runs 10 minutes fast still tells the database's time, and says its clock is off. */
@ExtendWith(OutputCaptureExtension.class)
class ClockAlignmentTest extends ServiceTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DatabaseProperties properties;

    /** Production's clock bean (tests make their TestClock primary, so it is asked for by name). */
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("clock")
    Clock serviceClock;

    @Test
    void aFastReplicaClockIsAlignedToTheDatabaseAndWarnedAbout(CapturedOutput output) {
        DatabaseAlignedClock clock = new DatabaseAlignedClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
        new ClockAlignment(clock, jdbc, properties).measure();

        Instant database = jdbc.queryForObject("select clock_timestamp()", Timestamp.class).toInstant();
        assertThat(Duration.between(database, clock.instant()).abs()).isLessThan(Duration.ofSeconds(1));
        assertThat(output.getOut()).contains("ahead of the database's");
    }

    @Test
    void theServiceClockIsTheAlignedOne() {
        assertThat(serviceClock).isInstanceOf(DatabaseAlignedClock.class);
    }
}
