package dev.mooring.arm.errors;

import java.sql.SQLException;

/** Reads the SQLSTATE behind a data-access failure: class 22 ("data exception") is a value the database refused. */
final class StoreRefusals {

    private StoreRefusals() {
    }

    static boolean isDataException(Throwable failure) {
        String state = sqlState(failure);
        return state != null && state.startsWith("22");
    }

    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
