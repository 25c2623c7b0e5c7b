package dev.mooring.tunnel;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A tunnel over a plain byte stream: an HTTP/1.1 connection switched (101) to {@value #PROTOCOL}. Each frame
 * travels as {@code [length: 4 bytes][frame]}; nothing is masked or re-framed, so relaying costs a copy, not a
 * pass over every byte as WebSocket's client-to-server masking does. Writers queued behind the sender share one
 * flush. A frame for stream 0 (which no stream uses) is a keep-alive: the peer only notes that it was heard.
 * Holds no buffers of its own while idle: one reader (a virtual thread) and the connection.
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
        byte[] length = new byte[4];
        try {
            while (true) {
                readFully(length);
                int size = ByteBuffer.wrap(length).getInt();
                if (size < Frame.HEADER_BYTES || size > MAX_FRAME_BYTES) {
                    multiplexer.close("protocol error: frame of " + size + " bytes");
                    return;
                }
                byte[] frame = new byte[size];
                readFully(frame);
                lastHeard = System.nanoTime();
                multiplexer.receive(ByteBuffer.wrap(frame));
            }
        } catch (EOFException e) {
            multiplexer.close("closed by peer");
        } catch (IOException | RuntimeException e) {
            multiplexer.close("read failed: " + e.getClass().getSimpleName());
        }
    }

    private void readFully(byte[] target) throws IOException {
        int read = 0;
        while (read < target.length) {
            int n = in.read(target, read, target.length - read);
            if (n < 0) {
                throw new EOFException();
            }
            read += n;
        }
    }

    private void write(byte[] lengthAndFrame) throws IOException {
        sending.lock();
        try {
            out.write(lengthAndFrame);
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
