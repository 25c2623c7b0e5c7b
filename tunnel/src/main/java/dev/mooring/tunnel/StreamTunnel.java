package dev.mooring.tunnel;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A tunnel over a plain byte stream: an HTTP/1.1 connection switched (101) to {@value #PROTOCOL}. Each frame
 * travels as {@code [length: 4 bytes][frame]}; nothing is masked or re-framed, so relaying costs a copy, not a
 * pass over every byte as WebSocket's client-to-server masking does. Writers queued behind the sender share one
 * flush. A frame for stream 0 (which no stream uses) is a keep-alive: the peer only notes that it was heard.
 * Holds no buffers of its own while idle: the connection and either a reader (a virtual thread, {@link #start})
 * or nothing at all when the caller is told when bytes arrive ({@link #attach}).
 */
public final class StreamTunnel implements Tunnel {

    /** The {@code Upgrade} token of the tunnel protocol. */
    public static final String PROTOCOL = "mooring-tunnel";
    /** Room for a full DATA frame and generous OPEN/HEAD header blocks, as over WebSocket. */
    static final int MAX_FRAME_BYTES = 1024 * 1024;
    private static final byte[] KEEP_ALIVE = Frame.window(0, 0).encodeWithLength();

    private final InputStream in;
    private final OutputStream out;
    private final Closeable connection;
    private final ReentrantLock sending = new ReentrantLock();
    private final Multiplexer multiplexer;
    private final FrameReader frames = new FrameReader(MAX_FRAME_BYTES);
    private volatile long lastHeard = System.nanoTime();

    private StreamTunnel(InputStream in, OutputStream out, Closeable connection,
            Function<Multiplexer.Transport, Multiplexer> multiplexers) {
        this.in = in;
        this.out = out;
        this.connection = connection;
        this.multiplexer = multiplexers.apply(new Transport());
    }

    /**
     * Starts a tunnel over a connection already switched to {@value #PROTOCOL}: {@code multiplexers} makes the
     * multiplexer over the transport given to it; frames are read on a virtual thread of their own.
     */
    public static StreamTunnel start(InputStream in, OutputStream out, Closeable connection,
            Function<Multiplexer.Transport, Multiplexer> multiplexers) {
        StreamTunnel tunnel = new StreamTunnel(in, out, connection, multiplexers);
        Thread.ofVirtual().name("tunnel-reader").start(tunnel::read);
        return tunnel;
    }

    /**
     * Makes a tunnel over a connection already switched to {@value #PROTOCOL} without a reader of its own: the
     * caller calls {@link #readWhile} whenever bytes have arrived (a servlet container's read listener), so an idle
     * tunnel parks no thread.
     */
    public static StreamTunnel attach(InputStream in, OutputStream out, Closeable connection,
            Function<Multiplexer.Transport, Multiplexer> multiplexers) {
        return new StreamTunnel(in, out, connection, multiplexers);
    }

    /**
     * Reads and dispatches frames for as long as {@code ready} says a read will not block; closes the tunnel at
     * the end of the stream or on a read error or protocol error. Not to be called concurrently.
     */
    public void readWhile(BooleanSupplier ready) {
        try {
            while (!multiplexer.isClosed() && ready.getAsBoolean()) {
                receive(frames.readFrom(in));
            }
        } catch (IOException | RuntimeException e) {
            readFailed(e);
        }
    }

    @Override
    public Multiplexer multiplexer() {
        return multiplexer;
    }

    @Override
    public boolean isOpen() {
        return !multiplexer.isClosed();
    }

    /** Sends a keep-alive, or closes the tunnel when the peer has been silent longer than {@code deadAfterNanos}. */
    public void keepAlive(long deadAfterNanos) {
        if (System.nanoTime() - lastHeard > deadAfterNanos) {
            multiplexer.close("peer silent");
            return;
        }
        try {
            write(KEEP_ALIVE);
        } catch (IOException e) {
            multiplexer.close("keep-alive failed: " + e.getMessage());
        }
    }

    private void read() {
        try {
            while (true) {
                receive(frames.readFrame(in));
            }
        } catch (IOException | RuntimeException e) {
            readFailed(e);
        }
    }

    private void receive(Frame frame) {
        if (frame != null) {
            lastHeard = System.nanoTime();
            multiplexer.receive(frame);
        }
    }

    /** Closes the tunnel for a read that ended the stream or failed. */
    public void readFailed(Throwable e) {
        multiplexer.close(switch (e) {
            case EOFException end -> "closed by peer";
            case TunnelProtocolException violation -> "protocol error: " + violation.getMessage();
            default -> "read failed: " + e.getClass().getSimpleName();
        });
    }

    private void write(byte[] lengthAndFrame) throws IOException {
        write(lengthAndFrame, 0, lengthAndFrame.length);
    }

    private void write(byte[] buffer, int offset, int length) throws IOException {
        sending.lock();
        try {
            out.write(buffer, offset, length);
            if (!sending.hasQueuedThreads()) {
                out.flush(); // otherwise the next sender in line flushes both
            }
        } finally {
            sending.unlock();
        }
    }

    private final class Transport implements Multiplexer.Transport {

        @Override
        public void send(Frame frame) throws IOException {
            write(frame.encodeWithLength());
        }

        /** The DATA frame's prefix goes into the headroom before the payload: one write, no copy. */
        @Override
        public void sendData(int stream, byte[] buffer, int offset, int length) throws IOException {
            FrameReader.writeDataPrefix(buffer, offset, stream, length);
            write(buffer, offset - FrameReader.PREFIX_BYTES, length + FrameReader.PREFIX_BYTES);
        }

        @Override
        public void close(String reason) {
            try {
                connection.close();
            } catch (IOException | RuntimeException e) {
                // already closed
            }
        }
    }
}
