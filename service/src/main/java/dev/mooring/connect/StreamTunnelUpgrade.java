package dev.mooring.connect;

import dev.mooring.tunnel.Multiplexer;
import dev.mooring.tunnel.StreamTunnel;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.EOFException;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The accepting end of a tunnel on a plain upgraded connection ({@code Upgrade: }{@value StreamTunnel#PROTOCOL}):
 * the agent's bulk path, since Tomcat's WebSocket reader unmasks every byte of every agent message one at a time.
 */
public class StreamTunnelUpgrade implements HttpUpgradeHandler, HeldTunnel {

    private Function<Multiplexer.Transport, Multiplexer> multiplexers;
    private Consumer<HeldTunnel> opened;
    private Consumer<HeldTunnel> closed;
    private volatile StreamTunnel tunnel;

    /** Servlet containers create upgrade handlers themselves, hence public with no arguments. */
    public StreamTunnelUpgrade() {
    }

    void attach(Function<Multiplexer.Transport, Multiplexer> multiplexerFactory, Consumer<HeldTunnel> onOpen,
            Consumer<HeldTunnel> onClose) {
        this.multiplexers = multiplexerFactory;
        this.opened = onOpen;
        this.closed = onClose;
    }

    @Override
    public void init(WebConnection connection) {
        try {
            ServletInputStream in = connection.getInputStream();
            tunnel = StreamTunnel.attach(in, connection.getOutputStream(), () -> {
                try {
                    connection.close();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }, multiplexers);
            // Tomcat calls back when bytes arrive: an idle tunnel parks no thread
            in.setReadListener(new ReadListener() {
                @Override
                public void onDataAvailable() {
                    tunnel.readWhile(in::isReady);
                }

                @Override
                public void onAllDataRead() {
                    tunnel.readFailed(new EOFException());
                }

                @Override
                public void onError(Throwable failure) {
                    tunnel.readFailed(failure);
                }
            });
        } catch (IOException | RuntimeException e) {
            try {
                connection.close();
            } catch (Exception ignored) {
                // the connection failed already
            }
            return;
        }
        opened.accept(this);
        tunnel.closed().thenRun(() -> closed.accept(this));
    }

    @Override
    public Multiplexer multiplexer() {
        return tunnel.multiplexer();
    }

    @Override
    public void keepAlive(long deadAfterNanos) {
        tunnel.keepAlive(deadAfterNanos);
    }

    @Override
    public void destroy() {
        StreamTunnel current = tunnel;
        if (current != null) {
            current.multiplexer().close("connection ended");
        }
    }
}
