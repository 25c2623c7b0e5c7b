package dev.mooring.tunnel;

import java.util.Locale;
import java.util.Set;

/** Headers that belong to one HTTP connection (RFC 9110 §7.6.1) and so never cross the tunnel. */
public final class HopByHop {

    private static final Set<String> NAMES = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");

    private HopByHop() {
    }

    /**
     * Whether {@code name} is connection-specific. {@code Content-Length} and {@code Host} count too: each hop
     * sets its own from the body it sends and the server it calls.
     */
    public static boolean is(String name) {
        return NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
