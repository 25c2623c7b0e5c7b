package dev.mooring.tunnel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The dialling end of a tunnel over the JDK's WebSocket client: the agent's connection to Mooring, and one
 * Mooring replica's link to another. Pings every {@code keepAlive}; a peer silent for {@code deadAfter}
 * (no message, no pong) is taken for dead and the tunnel closed, which {@link #closed()} reports.
 */
public final class WebSocketTunnelClient implements Tunnel {

    private final Multiplexer multiplexer;
    private final WebSocket socket;

    private WebSocketTunnelClient(Multiplexer multiplexer, WebSocket socket) {
        this.multiplexer = multiplexer;
        this.socket = socket;
    }

    /** What a dial needs besides the address. */
    public record Options(Duration handshakeTimeout, Duration keepAlive, Duration deadAfter, int window,
            int maxStreams) {

        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(45),
                    Multiplexer.DEFAULT_WINDOW, 1000);
        }
    }

    /**
     * Opens the WebSocket and the tunnel over it. {@code acceptor} handles the streams the other end opens
     * (null when this end only opens streams).
     */
    public static WebSocketTunnelClient dial(HttpClient http, URI uri, Map<String, String> headers,
            Multiplexer.Acceptor acceptor, Options options) throws IOException, InterruptedException {
        Bridge bridge = new Bridge();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(options.handshakeTimeout());
        headers.forEach(builder::header);
        WebSocket socket;
        try {
            socket = builder.buildAsync(uri, bridge).get(options.handshakeTimeout().toMillis() + 1000,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("Tunnel handshake with " + uri.getHost() + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("Tunnel handshake with " + uri.getHost() + " timed out");
        }
        Multiplexer multiplexer = new Multiplexer(new Sender(socket), acceptor == null, acceptor, options.window(),
                options.maxStreams());
        bridge.attach(multiplexer);
        Thread.ofVirtual().name("tunnel-keepalive").start(() -> keepAlive(socket, bridge, multiplexer, options));
        return new WebSocketTunnelClient(multiplexer, socket);
    }

    @Override
    public Multiplexer multiplexer() {
        return multiplexer;
    }

    /** Whether the WebSocket underneath is still open for sending. */
    @Override
    public boolean isOpen() {
        return !socket.isOutputClosed() && !multiplexer.isClosed();
    }

    private static void keepAlive(WebSocket socket, Bridge bridge, Multiplexer multiplexer, Options options) {
        while (!multiplexer.isClosed()) {
            try {
                Thread.sleep(options.keepAlive());
                if (System.nanoTime() - bridge.lastHeard > options.deadAfter().toNanos()) {
                    multiplexer.close("peer silent for " + options.deadAfter().toSeconds() + "s");
                    return;
                }
                socket.sendPing(ByteBuffer.allocate(0));
            } catch (InterruptedException e) {
                multiplexer.close("interrupted");
                return;
            } catch (RuntimeException e) {
                multiplexer.close("ping failed: " + e.getMessage());
                return;
            }
        }
    }

    /** Serialises sends: the JDK WebSocket takes one outstanding message at a time. */
    private static final class Sender implements Multiplexer.Transport {
        private final WebSocket socket;
        private final ReentrantLock lock = new ReentrantLock();

        Sender(WebSocket socket) {
            this.socket = socket;
        }

        @Override
        public void send(Frame frame) throws IOException {
            lock.lock();
            try {
                socket.sendBinary(frame.encode(), true).get();
            } catch (ExecutionException e) {
                throw new IOException("Tunnel send failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while sending");
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close(String reason) {
            socket.abort();
        }
    }

    /** Feeds whole binary messages to the multiplexer and tracks when the peer was last heard. */
    private static final class Bridge implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final CompletableFuture<Multiplexer> multiplexer = new CompletableFuture<>();
        volatile long lastHeard = System.nanoTime();

        void attach(Multiplexer attached) {
            multiplexer.complete(attached);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastHeard = System.nanoTime();
            ByteBuffer whole;
            if (last && partial.size() == 0) {
                whole = data;
            } else {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                partial.writeBytes(bytes);
                if (!last) {
                    webSocket.request(1);
                    return null;
                }
                whole = ByteBuffer.wrap(partial.toByteArray());
                partial.reset();
            }
            multiplexer.join().receive(whole);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end("closed by peer (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end("error: " + error);
        }

        private void end(String reason) {
            multiplexer.thenAccept(m -> m.close(reason));
        }
    }
}
