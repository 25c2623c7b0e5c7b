package dev.mooring.tunnel;

import java.util.concurrent.CompletableFuture;

/** One end of a tunnel, whichever connection carries it: a WebSocket or a plain upgraded stream. */
public interface Tunnel {

    Multiplexer multiplexer();

    /** Completes with the reason once the tunnel is closed, from either end. */
    default CompletableFuture<String> closed() {
        return multiplexer().closed();
    }

    /** Whether the tunnel is still open for sending. */
    boolean isOpen();

    default void close() {
        multiplexer().close("closed by this end");
    }
}
