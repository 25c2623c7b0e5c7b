package dev.mooring.agent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The agent's kept-alive HTTP/1.1 connections to its API server: a request takes the most recently used idle
 * one (or dials), and a response read to its end gives the connection back, so that a kubectl session's small
 * GETs cost no TCP or TLS handshake each. Connections idle longer than {@code idleTimeout} are closed rather
 * than reused (the API server closes idle connections of its own accord).
 */
final class ApiServerConnections implements AutoCloseable {

    /** Dials a new connection to the API server (TCP, and TLS where the server speaks it). */
    @FunctionalInterface
    interface Dialer {
        Socket dial() throws IOException;
    }

    /** One connection with its buffered streams; {@code reused} when it served a request before. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean reused;
        private long idleSince;

        private Connection(Socket socket, InputStream in, OutputStream out) {
            this.socket = socket;
            this.in = in;
            this.out = out;
        }

        Socket socket() {
            return socket;
        }

        InputStream in() {
            return in;
        }

        OutputStream out() {
            return out;
        }

        boolean reused() {
            return reused;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private final Dialer dialer;
    private final int maxIdle;
    private final long idleTimeoutNanos;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    ApiServerConnections(Dialer dialer, int maxIdle, Duration idleTimeout) {
        this.dialer = dialer;
        this.maxIdle = maxIdle;
        this.idleTimeoutNanos = idleTimeout.toNanos();
    }

    /** An idle connection if one is fresh enough, else a new one. */
    Connection take() throws IOException {
        long now = System.nanoTime();
        while (true) {
            Connection connection;
            synchronized (this) {
                connection = idle.pollLast();
            }
            if (connection == null) {
                return dial();
            }
            if (now - connection.idleSince < idleTimeoutNanos && !connection.socket.isClosed()) {
                connection.reused = true;
                return connection;
            }
            connection.close();
        }
    }

    /** A new connection, for requests that cannot be sent again should a reused one turn out closed. */
    Connection dial() throws IOException {
        Socket socket = dialer.dial();
        return new Connection(socket, new BufferedInputStream(socket.getInputStream()),
                new BufferedOutputStream(socket.getOutputStream()));
    }

    /** Gives back a connection whose last response was read to its end. */
    void release(Connection connection) {
        connection.idleSince = System.nanoTime();
        Connection evicted = null;
        synchronized (this) {
            if (closed) {
                evicted = connection;
            } else {
                idle.addLast(connection);
                if (idle.size() > maxIdle) {
                    evicted = idle.pollFirst();
                }
            }
        }
        if (evicted != null) {
            evicted.close();
        }
    }

    /** Connections idle now (for tests). */
    synchronized int idleCount() {
        return idle.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        Connection connection;
        while ((connection = pollIdle()) != null) {
            connection.close();
        }
    }

    private synchronized Connection pollIdle() {
        return idle.pollFirst();
    }
}
