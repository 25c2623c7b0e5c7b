package dev.mooring.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cadence and the Offline threshold are checked against each other at start-up. */
class ConnectivityPropertiesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void defaultsAreArcsCadence() {
        ConnectivityProperties defaults = new ConnectivityProperties(Duration.ofMinutes(5), 25, 3, Duration.ofSeconds(30), Duration.ofHours(1));
        assertThat(validator.validate(defaults)).isEmpty();
        assertThat(new ConnectivityPolicy(defaults, java.time.Clock.systemUTC()).connectedWithin())
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aThresholdThatAPunctualAgentCouldMissIsRefused() {
        // The tightest allowed pair: 2 intervals against a beat at most 1.5 intervals late.
        assertThat(validator.validate(new ConnectivityProperties(Duration.ofMinutes(5), 50, 2, Duration.ofSeconds(30), Duration.ofHours(1))))
                .isEmpty();
        assertThat(validator.validate(new ConnectivityProperties(Duration.ofMinutes(5), 25, 1, Duration.ofSeconds(30), Duration.ofHours(1))))
                .extracting(v -> v.getPropertyPath().toString()).containsExactly("offlineAfterIntervals");
        assertThat(validator.validate(new ConnectivityProperties(Duration.ofMinutes(5), 60, 3, Duration.ofSeconds(30), Duration.ofHours(1))))
                .extracting(v -> v.getPropertyPath().toString()).containsExactly("jitterPercent");
    }
}
