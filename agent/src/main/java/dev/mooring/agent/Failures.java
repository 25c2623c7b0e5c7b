package dev.mooring.agent;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** Says what went wrong in a line a person reads in the agent's log: the root cause, named for what it is. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank() ? null : root.getMessage().strip();
        return switch (root) {
            case UnknownHostException unknown -> "unknown host " + message;
            // The JDK's HTTP client says only this (the host is in the URL the caller names).
            case UnresolvedAddressException unresolved -> "unknown host";
            case ConnectException refused -> "connection refused" + (message == null ? "" : " (" + message + ")");
            case HttpTimeoutException timeout -> "no answer in time";
            case SSLException tls -> "TLS failed: " + message;
            default -> root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        };
    }
}
