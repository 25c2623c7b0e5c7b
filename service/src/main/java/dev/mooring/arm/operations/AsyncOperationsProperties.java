package dev.mooring.arm.operations;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Asynchronous operations ({@code mooring.operations.*}).
 *
 * @param retryAfter   the Retry-After clients are told to wait between polls (ARM's minimum is 10 s)
 * @param pollInterval how often each replica's worker looks for due operations
 * @param retention    how long finished operations stay readable
 * @param batchSize    operations one worker runs per poll at most
 * @param maxAttempts  attempts an operation gets when it fails unexpectedly (a database error) before it fails
 * @param retryBackoff the wait before the second attempt; it doubles with each further attempt
 * @param maxRetryBackoff the longest wait between two attempts
 * @param attemptTimeout the longest one attempt may take (its statements and its transaction); a longer one is
 *                       cancelled and counts as a failed attempt
 * @param attemptLockTimeout the longest an attempt's statement waits for a row lock
 * @param attemptIdleTimeout an attempt idle this long inside its transaction (its replica frozen) is ended by
 *                       PostgreSQL, which releases the operation for another replica
 */
@ConfigurationProperties("mooring.operations")
@Validated
public record AsyncOperationsProperties(
        @DefaultValue("10s") @NotNull Duration retryAfter,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("7d") @NotNull Duration retention,
        @DefaultValue("50") @Min(1) @Max(10000) int batchSize,
        @DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("2s") @NotNull Duration retryBackoff,
        @DefaultValue("5m") @NotNull Duration maxRetryBackoff,
        @DefaultValue("60s") @NotNull Duration attemptTimeout,
        @DefaultValue("10s") @NotNull Duration attemptLockTimeout,
        @DefaultValue("15s") @NotNull Duration attemptIdleTimeout) {

    /** The wait after the {@code failedAttempts}-th failed attempt: the backoff doubled each time, at most the maximum. */
    Duration backoffAfter(int failedAttempts) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(failedAttempts - 1, 20));
        return wait.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : wait;
    }
}
