package dev.mooring.tunnel;

/** The peer broke the tunnel protocol; the tunnel is closed. */
public class TunnelProtocolException extends RuntimeException {

    public TunnelProtocolException(String message) {
        super(message);
    }
}
