package dev.mooring.tunnel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many {@link TunnelStream}s over one message transport (a WebSocket). One side opens streams, the other
 * accepts them: each accepted stream is handed to the {@link Acceptor} on a virtual thread of its own.
 * {@link #receive} is called by the transport's reader and never blocks.
 */
public final class Multiplexer {

    /** The largest DATA payload; bigger writes are split. */
    public static final int MAX_DATA_BYTES = 128 * 1024;
    /** Credit each side grants per stream before the reader must catch up. */
    public static final int DEFAULT_WINDOW = 1024 * 1024;
    /** One factory for every tunnel: a builder per tunnel would sit on the heap of every idle one. */
    private static final ThreadFactory THREADS = Thread.ofVirtual().name("tunnel-stream-", 0).factory();

    /** Sends one whole frame; implementations serialise concurrent callers. */
    public interface Transport {
        void send(Frame frame) throws IOException;

        /**
         * Sends a DATA frame of {@code buffer[offset, offset + length)}; the {@value FrameReader#PREFIX_BYTES}
         * bytes before {@code offset} are free for a transport that writes its header in place, as
         * {@link StreamTunnel} does. The buffer is the caller's again once this returns.
         */
        default void sendData(int stream, byte[] buffer, int offset, int length) throws IOException {
            send(new Frame(Frame.Type.DATA, stream, Arrays.copyOfRange(buffer, offset, offset + length)));
        }

        /** Closes the underlying connection (idempotent). */
        void close(String reason);
    }

    /** Handles a stream the peer opened; {@code open} is the OPEN payload. */
    @FunctionalInterface
    public interface Acceptor {
        void accept(TunnelStream stream, byte[] open) throws Exception;
    }

    /** Thrown by {@link #open} when the tunnel already carries its maximum of streams. */
    public static final class TooManyStreams extends IOException {
        TooManyStreams(int limit) {
            super("The tunnel already carries " + limit + " streams");
        }
    }

    private final Transport transport;
    private final Acceptor acceptor;
    private final int window;
    private final int maxStreams;
    private final ConcurrentHashMap<Integer, TunnelStream> streams = new ConcurrentHashMap<>();
    private final AtomicInteger nextId;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<String> closedReason = new CompletableFuture<>();

    /**
     * @param opensOdd whether this side numbers the streams it opens odd (the other side uses even numbers)
     * @param acceptor handles streams the peer opens, or {@code null} to refuse them
     */
    public Multiplexer(Transport transport, boolean opensOdd, Acceptor acceptor, int window, int maxStreams) {
        this.transport = transport;
        this.acceptor = acceptor;
        this.window = window;
        this.maxStreams = maxStreams;
        this.nextId = new AtomicInteger(opensOdd ? 1 : 2);
    }

    /** Opens a stream with the given OPEN payload. */
    public TunnelStream open(byte[] request) throws IOException {
        if (closed.get()) {
            throw new StreamResetException(Resets.TUNNEL_CLOSED);
        }
        if (streams.size() >= maxStreams) {
            throw new TooManyStreams(maxStreams);
        }
        TunnelStream stream = new TunnelStream(this, nextId.getAndAdd(2), window);
        streams.put(stream.id(), stream);
        try {
            send(new Frame(Frame.Type.OPEN, stream.id(), request));
        } catch (IOException e) {
            stream.tunnelClosed();
            throw e;
        }
        return stream;
    }

    /** Dispatches one received message. A protocol violation closes the whole tunnel. */
    public void receive(ByteBuffer message) {
        Frame frame;
        try {
            frame = Frame.decode(message);
        } catch (TunnelProtocolException e) {
            close("protocol error: " + e.getMessage());
            return;
        }
        receive(frame);
    }

    /** Dispatches one received frame. A protocol violation closes the whole tunnel. */
    void receive(Frame frame) {
        try {
            if (frame.type() == Frame.Type.OPEN) {
                accept(frame);
                return;
            }
        } catch (TunnelProtocolException e) {
            close("protocol error: " + e.getMessage());
            return;
        }
        TunnelStream stream = streams.get(frame.stream());
        if (stream == null) {
            return; // late frames for a stream already finished or reset
        }
        try {
            stream.received(frame);
        } catch (TunnelProtocolException e) {
            close("protocol error: " + e.getMessage());
        }
    }

    private void accept(Frame frame) {
        if (acceptor == null || closed.get() || streams.containsKey(frame.stream())) {
            sendQuietly(Frame.reset(frame.stream(), "refused"));
            return;
        }
        if (streams.size() >= maxStreams) {
            sendQuietly(Frame.reset(frame.stream(), Resets.TOO_MANY_STREAMS));
            return;
        }
        TunnelStream stream = new TunnelStream(this, frame.stream(), window);
        streams.put(stream.id(), stream);
        THREADS.newThread(() -> {
            try {
                acceptor.accept(stream, frame.payload());
            } catch (Exception e) {
                stream.reset("failed: " + e.getClass().getSimpleName());
            }
        }).start();
    }

    /** Closes the tunnel: every open stream reads as reset with {@link Resets#TUNNEL_CLOSED}. */
    public void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (TunnelStream stream : streams.values()) {
            stream.tunnelClosed();
        }
        streams.clear();
        transport.close(reason);
        closedReason.complete(reason);
    }

    /** Completes with the reason once the tunnel is closed, from either end. */
    public CompletableFuture<String> closed() {
        return closedReason;
    }

    public boolean isClosed() {
        return closed.get();
    }

    public int activeStreams() {
        return streams.size();
    }

    void send(Frame frame) throws IOException {
        sending(() -> transport.send(frame));
    }

    void sendData(int stream, byte[] buffer, int offset, int length) throws IOException {
        sending(() -> transport.sendData(stream, buffer, offset, length));
    }

    private interface Send {
        void run() throws IOException;
    }

    private void sending(Send send) throws IOException {
        if (closed.get()) {
            throw new StreamResetException(Resets.TUNNEL_CLOSED);
        }
        try {
            send.run();
        } catch (IOException | RuntimeException e) {
            close("send failed: " + e.getMessage());
            throw new StreamResetException(Resets.TUNNEL_CLOSED);
        }
    }

    void sendQuietly(Frame frame) {
        try {
            send(frame);
        } catch (IOException e) {
            // the tunnel is closing; the stream is reset with it
        }
    }

    void forget(int id) {
        streams.remove(id);
    }
}
