package dev.mooring.arm.errors;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What a caller is told when the database, not the request, is the problem: 503 with {@code Retry-After} while
 * PostgreSQL is unreachable or a statement ran out of time, 409 when a row stayed locked past the lock timeout.
 * Both say "retry"; neither is an internal error. ARM clients and the agents back off on them.
 */
final class DatabaseFailures {

    static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseFailures() {
    }

    static Optional<ResponseEntity<ArmError.Body>> response(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // The pool found no connection in time, or the connection broke mid-transaction (its rollback then
            // fails on the pool's closed proxy, which carries no SQLState).
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLException closed && closed.getSQLState() == null
                            && "Connection is closed".equals(closed.getMessage())) {
                return Optional.of(unavailable());
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return Optional.of(unavailable());
                }
                if (state.equals("57014")) {
                    return Optional.of(unavailable());
                }
                if (state.equals("55P03")) {
                    return Optional.of(ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                            .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                            .body(new ArmError.Body(new ArmError("Conflict", "The resource is being changed by another"
                                    + " request. Retry after " + RETRY_AFTER_SECONDS + " seconds."))));
                }
            }
        }
        return Optional.empty();
    }

    private static ResponseEntity<ArmError.Body> unavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                .body(new ArmError.Body(new ArmError("ServiceUnavailable", "The service is temporarily unable to"
                        + " reach its database. Retry after " + RETRY_AFTER_SECONDS + " seconds.")));
    }
}
