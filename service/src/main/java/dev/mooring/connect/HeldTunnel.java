package dev.mooring.connect;

import dev.mooring.tunnel.Multiplexer;

/** A tunnel this replica accepted (over WebSocket or a plain upgraded stream), as the router keeps it. */
interface HeldTunnel {

    Multiplexer multiplexer();

    /** Pings the peer, or closes the tunnel when it has been silent longer than {@code deadAfterNanos}. */
    void keepAlive(long deadAfterNanos);
}
