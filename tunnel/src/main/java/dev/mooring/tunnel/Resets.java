package dev.mooring.tunnel;

/** The RESET reasons both ends understand; anything else is a free-text failure. */
public final class Resets {

    /** The agent could not reach the API server in time. */
    public static final String DIAL_TIMEOUT = "dial-timeout";
    /** The agent could not reach the API server at all. */
    public static final String DIAL_FAILED = "dial-failed";
    /** The tunnel carrying the stream closed. */
    public static final String TUNNEL_CLOSED = "tunnel-closed";
    /** The cluster has as many open streams as it may. */
    public static final String TOO_MANY_STREAMS = "too-many-streams";
    /** The side that opened the stream gave up on it (client went away). */
    public static final String CANCELLED = "cancelled";

    private Resets() {
    }
}
