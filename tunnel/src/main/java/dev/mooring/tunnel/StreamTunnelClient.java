package dev.mooring.tunnel;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The dialling end of a {@link StreamTunnel}: an HTTP/1.1 request with {@code Upgrade: }{@value
 * StreamTunnel#PROTOCOL} over a direct TCP (or TLS) connection, then the tunnel on the same connection after
 * 101. Pings every {@code keepAlive} and closes the tunnel when the peer has been silent for {@code deadAfter}.
 */
public final class StreamTunnelClient {

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private StreamTunnelClient() {
    }

    /**
     * Dials {@code uri} (http or https; TLS with {@code tls}, verifying the host name) with {@code headers}, and
     * answers the tunnel once the server switched protocols. Any other answer fails with its status and body.
     */
    public static StreamTunnel dial(URI uri, Map<String, String> headers, SSLContext tls, Multiplexer.Acceptor acceptor,
            WebSocketTunnelClient.Options options) throws IOException {
        boolean secure = uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("wss");
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        int timeout = (int) options.handshakeTimeout().toMillis();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), port), timeout);
            if (secure) {
                SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory().createSocket(socket, uri.getHost(), port, true);
                SSLParameters parameters = tlsSocket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tlsSocket.setSSLParameters(parameters);
                socket = tlsSocket;
            }
            socket.setSoTimeout(timeout);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("GET ").append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getHost()).append(uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    .append("\r\nConnection: Upgrade\r\nUpgrade: ").append(StreamTunnel.PROTOCOL).append("\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = status(head);
            if (status != 101 || !head.toLowerCase(Locale.ROOT).contains("upgrade: " + StreamTunnel.PROTOCOL)) {
                throw new IOException("Tunnel handshake with " + uri.getHost() + " answered " + status + ": "
                        + readSome(in));
            }
            socket.setSoTimeout(0);
            Socket connection = socket;
            // buffered: a frame prefix is one read of the kernel's bytes, not one per field; large payloads bypass it
            StreamTunnel tunnel = StreamTunnel.start(new BufferedInputStream(in, 16 * 1024), out, connection,
                    transport -> new Multiplexer(transport, acceptor == null, acceptor, options.window(),
                            options.maxStreams()));
            Thread.ofVirtual().name("tunnel-keepalive").start(() -> keepAlive(tunnel, options));
            return tunnel;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void keepAlive(StreamTunnel tunnel, WebSocketTunnelClient.Options options) {
        while (tunnel.isOpen()) {
            try {
                Thread.sleep(options.keepAlive());
            } catch (InterruptedException e) {
                tunnel.multiplexer().close("interrupted");
                return;
            }
            tunnel.keepAlive(options.deadAfter().toNanos());
        }
    }

    /** The response head up to its blank line, read byte by byte so that no tunnel byte is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEAD_BYTES) {
                throw new IOException("Tunnel handshake: the server closed or sent no proper HTTP answer");
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1
                    : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int status(String head) throws IOException {
        String[] line = head.split(" ", 3);
        try {
            return Integer.parseInt(line[1].strip());
        } catch (RuntimeException e) {
            throw new IOException("Tunnel handshake: not an HTTP answer");
        }
    }

    private static String readSome(InputStream in) {
        try {
            byte[] some = new byte[512];
            int n = in.read(some);
            return n <= 0 ? "" : new String(some, 0, n, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
