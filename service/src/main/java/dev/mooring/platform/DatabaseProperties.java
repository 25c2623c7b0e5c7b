package dev.mooring.platform;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits every database session of a replica sets at connect ({@code mooring.database.*}), so that one held row
 * lock or one slow statement cannot tie up the replica. The operation worker sets its own, longer ones for each
 * attempt ({@code mooring.operations.attempt-*}). Zero turns a limit off.
 *
 * @param statementTimeout         longest a request's statement may run ({@code statement_timeout})
 * @param lockTimeout              longest a statement waits for a row lock ({@code lock_timeout})
 * @param idleInTransactionTimeout a session idle this long inside a transaction (a frozen replica) is closed by
 *                                 PostgreSQL, which releases its locks ({@code idle_in_transaction_session_timeout})
 * @param connectTimeout           longest a new connection may take to open
 * @param clockSkewWarning         a warning is logged when this replica's clock and the database's differ by more
 */
@ConfigurationProperties("mooring.database")
@Validated
public record DatabaseProperties(
        @DefaultValue("15s") @NotNull Duration statementTimeout,
        @DefaultValue("3s") @NotNull Duration lockTimeout,
        @DefaultValue("30s") @NotNull Duration idleInTransactionTimeout,
        @DefaultValue("2s") @NotNull Duration connectTimeout,
        @DefaultValue("5s") @NotNull Duration clockSkewWarning) {
}
