package dev.mooring.access;

/**
 * The one place that orders Mooring's security filter chains. Each feature declares its chain with
 * {@code @Order(SecurityChains.X)}; the first chain whose matcher fits a request handles it alone. Narrow chains
 * (one path each) come first; the ARM API's chain, which matches everything else, comes last.
 */
public final class SecurityChains {

    /** Local mode's development token issuer: {@code /local/**}, loopback callers only. */
    public static final int LOCAL_ISSUER = 0;
    /** The agent data plane: {@code /dataplane/**}, agent tokens checked by the data plane itself. */
    public static final int DATA_PLANE = 1;
    /** Cluster connect: {@code /connect/**} and the peer link, connect credentials checked by the relay. */
    public static final int CONNECT = 2;
    /** The portal's static files: {@code /portal/**}, anonymous, under a strict Content-Security-Policy. */
    public static final int PORTAL = 3;
    /** Everything else: ARM, inventory, probes and documents, with OAuth2 bearer tokens. */
    public static final int API = 100;

    private SecurityChains() {
    }
}
