package dev.mooring.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One logical connection inside a tunnel. Reads block until the peer sends data, END or RESET; writes block
 * while the peer has granted no credit, so a slow reader holds up only its own stream. Received data is
 * bounded by the window this side granted, which is why the tunnel's reader never has to wait for it.
 */
public final class TunnelStream {

    private final Multiplexer tunnel;
    private final int id;
    private final int window;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> inbound = new ArrayDeque<>();
    private byte[] head;
    private int inboundBytes;
    private int consumedSinceGrant;
    private boolean remoteEnded;
    private boolean localEnded;
    private long credit;
    private String resetReason;

    private final InputStream input = new Input();
    private final Output output = new Output();

    TunnelStream(Multiplexer tunnel, int id, int window) {
        this.tunnel = tunnel;
        this.id = id;
        this.window = window;
        this.credit = window;
    }

    public int id() {
        return id;
    }

    /** Data from the peer; end of stream after its END; {@link StreamResetException} after a reset. */
    public InputStream input() {
        return input;
    }

    /** Data to the peer; {@code close()} sends END (the peer's input ends, this side may still read). */
    public OutputStream output() {
        return output;
    }

    /**
     * Copies {@code in} to the peer until its end or {@code limit} bytes, reading straight into the space of a
     * DATA frame and sending each read at once (watch events are not held back); answers the bytes copied. The
     * stream's output stays open.
     */
    public long transferFrom(InputStream in, long limit) throws IOException {
        return output.transferFrom(in, limit);
    }

    /** Sends this side's answer head (the acceptor's reply to OPEN). */
    public void sendHead(byte[] payload) throws IOException {
        requireOpen();
        tunnel.send(new Frame(Frame.Type.HEAD, id, payload));
    }

    /** Waits for the peer's HEAD. */
    public byte[] awaitHead(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (head == null) {
                if (resetReason != null) {
                    throw new StreamResetException(resetReason);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StreamResetException(Resets.DIAL_TIMEOUT);
                }
                changed.awaitNanos(left);
            }
            return head;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        } finally {
            lock.unlock();
        }
    }

    /** Aborts the stream both ways and tells the peer why. Safe to call more than once. */
    public void reset(String reason) {
        if (markReset(reason)) {
            tunnel.sendQuietly(Frame.reset(id, reason));
        }
    }

    public boolean isReset() {
        lock.lock();
        try {
            return resetReason != null;
        } finally {
            lock.unlock();
        }
    }

    // ---- called by the multiplexer's reader; never blocks ----

    void received(Frame frame) {
        switch (frame.type()) {
            case HEAD -> signal(() -> head = frame.payload());
            case DATA -> receiveData(frame.payload());
            case END -> signal(() -> remoteEnded = true);
            case WINDOW -> {
                int more = frame.credit();
                signal(() -> credit += more);
            }
            case RESET -> {
                markReset(frame.text());
            }
            case OPEN -> throw new TunnelProtocolException("OPEN for a stream that is already open: " + id);
        }
        forgetIfDone();
    }

    private void receiveData(byte[] data) {
        boolean overrun;
        lock.lock();
        try {
            if (resetReason != null || remoteEnded) {
                return;
            }
            overrun = inboundBytes + data.length > window;
            if (!overrun) {
                inbound.add(data);
                inboundBytes += data.length;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (overrun) {
            reset("flow-control: peer sent more than its credit");
        }
    }

    /** The tunnel under this stream closed. */
    void tunnelClosed() {
        markReset(Resets.TUNNEL_CLOSED);
    }

    private boolean markReset(String reason) {
        lock.lock();
        try {
            if (resetReason != null) {
                return false;
            }
            resetReason = reason;
            inbound.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        tunnel.forget(id);
        return true;
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void forgetIfDone() {
        boolean done;
        lock.lock();
        try {
            done = remoteEnded && localEnded && inbound.isEmpty();
        } finally {
            lock.unlock();
        }
        if (done) {
            tunnel.forget(id);
        }
    }

    private void requireOpen() throws StreamResetException {
        lock.lock();
        try {
            if (resetReason != null) {
                throw new StreamResetException(resetReason);
            }
        } finally {
            lock.unlock();
        }
    }

    private final class Input extends InputStream {
        private byte[] current;
        private int position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (current == null || position == current.length) {
                current = next();
                position = 0;
                if (current == null) {
                    return -1;
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, target, offset, n);
            position += n;
            consumed(n);
            return n;
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return (current == null ? 0 : current.length - position) + inboundBytes;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Writes each received payload to {@code out} as it is (no copy into an intermediate buffer), flushing
         * whenever nothing more has arrived, so that watch events reach the client as they come.
         */
        @Override
        public long transferTo(OutputStream out) throws IOException {
            long copied = 0;
            while (true) {
                if (current == null || position == current.length) {
                    current = next();
                    position = 0;
                    if (current == null) {
                        out.flush();
                        return copied;
                    }
                }
                int n = current.length - position;
                out.write(current, position, n);
                position = current.length;
                copied += n;
                consumed(n);
                if (available() == 0) {
                    out.flush();
                }
            }
        }

        private byte[] next() throws IOException {
            lock.lock();
            try {
                while (inbound.isEmpty()) {
                    if (resetReason != null) {
                        throw new StreamResetException(resetReason);
                    }
                    if (remoteEnded) {
                        return null;
                    }
                    changed.await();
                }
                byte[] data = inbound.poll();
                inboundBytes -= data.length;
                return data;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            } finally {
                lock.unlock();
            }
        }

        private void consumed(int n) {
            int grant = 0;
            lock.lock();
            try {
                consumedSinceGrant += n;
                if (consumedSinceGrant >= window / 2 && resetReason == null && !remoteEnded) {
                    grant = consumedSinceGrant;
                    consumedSinceGrant = 0;
                }
            } finally {
                lock.unlock();
            }
            if (grant > 0) {
                tunnel.sendQuietly(Frame.window(id, grant));
            }
            forgetIfDone();
        }

        @Override
        public void close() {
            // Closing the reading side alone says nothing to the peer; reset() aborts the stream.
        }
    }

    private final class Output extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            while (length > 0) {
                int n = takeCredit(Math.min(length, Multiplexer.MAX_DATA_BYTES));
                byte[] frame = new byte[FrameReader.PREFIX_BYTES + n];
                System.arraycopy(data, offset, frame, FrameReader.PREFIX_BYTES, n);
                tunnel.sendData(id, frame, FrameReader.PREFIX_BYTES, n);
                offset += n;
                length -= n;
            }
        }

        /** Reads up to {@code limit} bytes into the space of a DATA frame, sending each read as it comes. */
        long transferFrom(InputStream in, long limit) throws IOException {
            byte[] buffer = new byte[FrameReader.PREFIX_BYTES + (int) Math.min(Multiplexer.MAX_DATA_BYTES, limit)];
            long copied = 0;
            while (copied < limit) {
                int granted = takeCredit((int) Math.min(buffer.length - FrameReader.PREFIX_BYTES, limit - copied));
                int n;
                try {
                    n = in.read(buffer, FrameReader.PREFIX_BYTES, granted);
                } catch (IOException | RuntimeException e) {
                    returnCredit(granted);
                    throw e;
                }
                returnCredit(granted - Math.max(n, 0));
                if (n < 0) {
                    break;
                }
                tunnel.sendData(id, buffer, FrameReader.PREFIX_BYTES, n);
                copied += n;
            }
            return copied;
        }

        private void returnCredit(int unused) {
            if (unused > 0) {
                signal(() -> credit += unused);
            }
        }

        private int takeCredit(int wanted) throws IOException {
            lock.lock();
            try {
                while (credit <= 0 && resetReason == null) {
                    changed.await(30, TimeUnit.SECONDS);
                }
                if (resetReason != null) {
                    throw new StreamResetException(resetReason);
                }
                if (localEnded) {
                    throw new IOException("Stream output already closed");
                }
                int n = (int) Math.min(wanted, credit);
                credit -= n;
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() throws IOException {
            lock.lock();
            try {
                if (localEnded || resetReason != null) {
                    return;
                }
                localEnded = true;
            } finally {
                lock.unlock();
            }
            tunnel.send(new Frame(Frame.Type.END, id, new byte[0]));
            forgetIfDone();
        }
    }
}
