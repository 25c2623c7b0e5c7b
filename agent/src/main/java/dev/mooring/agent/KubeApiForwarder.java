package dev.mooring.agent;

import dev.mooring.tunnel.HopByHop;
import dev.mooring.tunnel.Multiplexer;
import dev.mooring.tunnel.ProxyRequest;
import dev.mooring.tunnel.ProxyResponse;
import dev.mooring.tunnel.Resets;
import dev.mooring.tunnel.StreamResetException;
import dev.mooring.tunnel.TunnelStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The agent's kube-aad-proxy equivalent: takes each stream Mooring opens, calls the cluster's API server over
 * HTTP/1.1 and streams the answer back. It drops the client's {@code Authorization} (AAD mode) and every
 * {@code Impersonate-*} header; in AAD mode it authenticates with its own service-account token and
 * impersonates the caller, so the cluster's own RBAC decides; in Token mode the caller's bearer token passes
 * through unchanged. After 101 it pipes raw bytes both ways (exec, attach, port-forward). Connections to the API
 * server are kept alive and reused ({@link ApiServerConnections}); response bodies go into tunnel frames as read.
 *
 * <p>HTTP/1.1 is written by hand because the JDK's HTTP client cannot hand over an upgraded connection.
 */
final class KubeApiForwarder implements Multiplexer.Acceptor {

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    /** How to reach the API server and authenticate to it. */
    record ApiServer(URI url, SSLSocketFactory tls, Supplier<String> serviceAccountToken) {
    }

    /** Kept-alive connections beyond this many idle ones are closed. */
    private static final int MAX_IDLE_CONNECTIONS = 16;
    /** Well below the idle timeouts of API servers (90 s and more) and of the load balancers in front of them. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final ApiServer server;
    private final Duration dialTimeout;
    private final ApiServerConnections connections;

    KubeApiForwarder(ApiServer server, Duration dialTimeout) {
        this.server = server;
        this.dialTimeout = dialTimeout;
        this.connections = new ApiServerConnections(this::dial, MAX_IDLE_CONNECTIONS, IDLE_TIMEOUT);
    }

    /** Idle kept-alive connections to the API server now (for tests). */
    int idleConnections() {
        return connections.idleCount();
    }

    @Override
    public void accept(TunnelStream stream, byte[] open) {
        ProxyRequest request = ProxyRequest.decode(open);
        byte[] head;
        try {
            head = requestHead(request);
        } catch (IllegalArgumentException e) {
            stream.reset("bad-request: " + e.getMessage());
            return;
        }
        // A request without a body can be sent again should a kept-alive connection turn out closed; one with a
        // body (read once from the tunnel) goes on a new connection, which serves later requests.
        boolean bodiless = !request.upgrade() && request.contentLength() == 0;
        ApiServerConnections.Connection connection;
        try {
            connection = bodiless ? connections.take() : connections.dial();
        } catch (SocketTimeoutException e) {
            stream.reset(Resets.DIAL_TIMEOUT);
            return;
        } catch (IOException e) {
            stream.reset(Resets.DIAL_FAILED);
            return;
        }
        boolean reusable = false;
        try {
            Head answer;
            CompletableFuture<Boolean> uploaded;
            try {
                send(connection, head);
                uploaded = bodiless ? CompletableFuture.completedFuture(true) : upload(request, stream, connection);
                answer = readHead(connection.in());
            } catch (IOException stale) {
                if (!connection.reused()) {
                    throw stale;
                }
                connection.close(); // the API server closed it while idle: once more on a new connection
                connection = connections.dial();
                send(connection, head);
                uploaded = CompletableFuture.completedFuture(true);
                answer = readHead(connection.in());
            }
            InputStream fromServer = connection.in();
            while (answer.status() >= 100 && answer.status() < 200 && answer.status() != 101) {
                answer = readHead(fromServer); // 100 Continue and other interim answers
            }
            stream.sendHead(new ProxyResponse(answer.status(), answer.endToEnd(), answer.contentLength()).encode());
            boolean framed = true;
            if (answer.status() == 101) {
                stream.transferFrom(fromServer, Long.MAX_VALUE);
            } else if (!"HEAD".equals(request.method()) && answer.status() != 204 && answer.status() != 304) {
                framed = copyBody(answer, fromServer, stream);
            }
            if (answer.status() == 101) {
                stream.output().close();
                uploaded.join(); // the client may still be sending after the server stopped
            } else {
                // given back before END: the client's next request may follow the moment this one ends
                reusable = !request.upgrade() && framed && answer.keepAlive() && uploaded.getNow(false);
                if (reusable) {
                    connections.release(connection);
                }
                stream.output().close();
            }
        } catch (StreamResetException e) {
            // Mooring or the user went away: closing the connection ends the API server's side too
        } catch (IOException e) {
            stream.reset("api-server: " + e.getMessage());
        } finally {
            if (!reusable) {
                connection.close();
            }
        }
    }

    private static void send(ApiServerConnections.Connection connection, byte[] head) throws IOException {
        connection.out().write(head);
        connection.out().flush();
    }

    /** Sends the request body from the tunnel on a thread of its own; completes with whether all of it went. */
    private static CompletableFuture<Boolean> upload(ProxyRequest request, TunnelStream stream,
            ApiServerConnections.Connection connection) {
        CompletableFuture<Boolean> uploaded = new CompletableFuture<>();
        Thread.ofVirtual().name("connect-request-" + stream.id())
                .start(() -> uploaded.complete(sendBody(request, stream, connection.out(), connection.socket())));
        return uploaded;
    }

    private Socket dial() throws IOException {
        boolean https = "https".equalsIgnoreCase(server.url().getScheme());
        int port = server.url().getPort() > 0 ? server.url().getPort() : https ? 443 : 80;
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(server.url().getHost(), port), (int) dialTimeout.toMillis());
        if (!https) {
            return socket;
        }
        SSLSocket tls = (SSLSocket) server.tls().createSocket(socket, server.url().getHost(), port, true);
        tls.setSoTimeout((int) dialTimeout.toMillis());
        tls.startHandshake();
        tls.setSoTimeout(0);
        return tls;
    }

    byte[] requestHead(ProxyRequest request) {
        StringBuilder head = new StringBuilder();
        head.append(token(request.method())).append(' ').append(target(request.target())).append(" HTTP/1.1\r\n");
        URI url = server.url();
        head.append("Host: ").append(url.getHost()).append(url.getPort() > 0 ? ":" + url.getPort() : "").append("\r\n");
        boolean aad = ProxyRequest.Caller.AAD.equals(request.caller().mode());
        for (ProxyRequest.Header header : request.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            boolean upgradeHeader = request.upgrade() && name.equals("upgrade");
            if (name.startsWith("impersonate-") || (aad && name.equals("authorization"))
                    || (HopByHop.is(name) && !upgradeHeader)) {
                continue;
            }
            line(head, header.name(), header.value());
        }
        if (aad) {
            line(head, "Authorization", "Bearer " + server.serviceAccountToken().get());
            line(head, "Impersonate-User", request.caller().user());
            for (String group : request.caller().groups()) {
                line(head, "Impersonate-Group", group);
            }
        }
        if (request.upgrade()) {
            line(head, "Connection", "Upgrade");
        } else {
            if (request.contentLength() > 0) {
                line(head, "Content-Length", Long.toString(request.contentLength()));
            } else if (request.contentLength() < 0) {
                line(head, "Transfer-Encoding", "chunked");
            }
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean sendBody(ProxyRequest request, TunnelStream stream, OutputStream toServer, Socket socket) {
        try {
            InputStream body = stream.input();
            byte[] buffer = new byte[32 * 1024];
            int n;
            boolean chunked = !request.upgrade() && request.contentLength() < 0;
            while ((n = body.read(buffer)) >= 0) {
                if (chunked) {
                    toServer.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                toServer.write(buffer, 0, n);
                if (chunked) {
                    toServer.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                if (body.available() == 0) {
                    toServer.flush();
                }
            }
            if (chunked) {
                toServer.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            toServer.flush();
            if (request.upgrade()) {
                socket.shutdownOutput();
            }
            return true;
        } catch (IOException e) {
            try {
                socket.close(); // the client gave up: so does the API server's connection
            } catch (IOException ignored) {
                // closing anyway
            }
            return false;
        }
    }

    /** A response head as read from the API server. */
    record Head(int status, List<ProxyRequest.Header> headers, boolean http11) {

        /** Whether the connection may carry another request once this response has been read. */
        boolean keepAlive() {
            String connection = header("Connection");
            return http11 && (connection == null || !connection.toLowerCase(Locale.ROOT).contains("close"));
        }

        List<ProxyRequest.Header> endToEnd() {
            return headers.stream().filter(h -> !HopByHop.is(h.name())
                    || (status == 101 && (h.name().equalsIgnoreCase("upgrade") || h.name().equalsIgnoreCase("connection"))))
                    .toList();
        }

        String header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(ProxyRequest.Header::value)
                    .findFirst().orElse(null);
        }

        boolean chunked() {
            String encoding = header("Transfer-Encoding");
            return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
        }

        long contentLength() {
            String length = header("Content-Length");
            return length == null || chunked() ? -1 : Long.parseLong(length.strip());
        }
    }

    static Head readHead(InputStream in) throws IOException {
        String statusLine = readLine(in, MAX_HEAD_BYTES);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP/1.x response");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("Bad status line");
        }
        List<ProxyRequest.Header> headers = new ArrayList<>();
        int budget = MAX_HEAD_BYTES;
        String line;
        while (!(line = readLine(in, budget)).isEmpty()) {
            budget -= line.length() + 2;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("Bad header line");
            }
            headers.add(new ProxyRequest.Header(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
        }
        return new Head(status, headers, parts[0].equals("HTTP/1.1"));
    }

    /**
     * Relays the body as it arrives, each read straight into a DATA frame (watch events are not held back);
     * answers whether the body had its own framing (otherwise it ended with the connection).
     */
    private static boolean copyBody(Head head, InputStream in, TunnelStream out) throws IOException {
        if (head.chunked()) {
            while (true) {
                String sizeLine = readLine(in, 1024);
                int semicolon = sizeLine.indexOf(';');
                long size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip(), 16);
                if (size == 0) {
                    while (!readLine(in, MAX_HEAD_BYTES).isEmpty()) {
                        // trailers are dropped
                    }
                    return true;
                }
                copyExactly(in, out, size);
                readLine(in, 2);
            }
        }
        long length = head.contentLength();
        if (length >= 0) {
            copyExactly(in, out, length);
            return true;
        }
        out.transferFrom(in, Long.MAX_VALUE); // no framing: the body ends with the connection
        return false;
    }

    private static void copyExactly(InputStream in, TunnelStream out, long length) throws IOException {
        if (out.transferFrom(in, length) < length) {
            throw new IOException("The API server closed the connection mid-body");
        }
    }

    private static String readLine(InputStream in, int limit) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= limit) {
                throw new IOException("Response head too large");
            }
            line.append((char) c);
        }
        throw new IOException("The API server closed the connection");
    }

    private static void line(StringBuilder head, String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("header " + name + " has no value");
        }
        head.append(token(name)).append(": ").append(fieldValue(value)).append("\r\n");
    }

    private static String token(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            throw new IllegalArgumentException("not an HTTP token");
        }
        return value;
    }

    private static String target(String value) {
        if (!value.startsWith("/") || !value.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("bad request target");
        }
        return value;
    }

    private static String fieldValue(String value) {
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("header value with a line break");
        }
        return value;
    }
}
