package dev.mooring.tunnel;

import java.io.IOException;

/** A stream was aborted: by the peer (its RESET reason), by this side, or because the tunnel went down. */
public class StreamResetException extends IOException {

    private final String reason;

    public StreamResetException(String reason) {
        super("Stream reset: " + reason);
        this.reason = reason;
    }

    /** The reset reason as sent on the wire, e.g. {@link Resets#DIAL_TIMEOUT}. */
    public String reason() {
        return reason;
    }
}
