package dev.mooring.platform;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One injectable clock, so that time-based rules can be tested without waiting, and so that every replica tells
 * the database's time ({@link DatabaseAlignedClock}). It ticks in microseconds, PostgreSQL's precision, so a
 * timestamp reads the same before and after a round trip through the database.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    DatabaseAlignedClock clock() {
        return new DatabaseAlignedClock(Clock.systemUTC());
    }
}
