package dev.mooring.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mooring.tunnel.Multiplexer;
import dev.mooring.tunnel.ProxyRequest;
import dev.mooring.tunnel.ProxyResponse;
import dev.mooring.tunnel.StreamTunnel;
import dev.mooring.tunnel.TunnelStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's forwarder behind a real plain-stream tunnel, against small API server stand-ins on loopback. */
class KubeApiForwarderTest {

    private Socket dialled;
    private Socket accepted;

    @BeforeEach
    void connect() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dialled = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            accepted = server.accept();
        }
    }

    @AfterEach
    void disconnect() throws IOException {
        dialled.close();
        accepted.close();
    }

    /** The Mooring end of a tunnel whose agent end forwards to {@code apiServer}. */
    private Multiplexer tunnelTo(URI apiServer) throws IOException {
        KubeApiForwarder forwarder = new KubeApiForwarder(
                new KubeApiForwarder.ApiServer(apiServer, null, () -> "sa-token"), Duration.ofSeconds(2));
        StreamTunnel.start(accepted.getInputStream(), accepted.getOutputStream(), accepted,
                transport -> new Multiplexer(transport, false, forwarder, Multiplexer.DEFAULT_WINDOW, 100));
        return StreamTunnel.start(dialled.getInputStream(), dialled.getOutputStream(), dialled,
                transport -> new Multiplexer(transport, true, null, Multiplexer.DEFAULT_WINDOW, 100)).multiplexer();
    }

    private static String get(Multiplexer mooring, String target) throws IOException {
        TunnelStream stream = mooring.open(new ProxyRequest("cluster", "GET", target, List.of(), 0, false,
                new ProxyRequest.Caller(ProxyRequest.Caller.AAD, "alice", List.of())).encode());
        stream.output().close();
        ProxyResponse head = ProxyResponse.decode(stream.awaitHead(Duration.ofSeconds(10)));
        return head.status() + " " + new String(stream.input().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void requestsOneAfterAnotherShareOneKeptAliveConnection() throws Exception {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        api.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = exchange.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/chunked")) {
                exchange.sendResponseHeaders(200, 0); // chunked: its own framing, so the connection is kept too
            } else {
                exchange.sendResponseHeaders(200, body.length);
            }
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        api.start();
        try {
            Multiplexer mooring = tunnelTo(URI.create("http://127.0.0.1:" + api.getAddress().getPort()));
            for (int i = 0; i < 10; i++) {
                assertThat(get(mooring, i % 2 == 0 ? "/small" : "/chunked")).isEqualTo(i % 2 == 0 ? "200 /small" : "200 /chunked");
            }
            assertThat(clientPorts).as("connections from the agent to the API server").hasSize(1);
        } finally {
            api.stop(0);
        }
    }

    @Test
    void aConnectionTheApiServerClosedWhileIdleIsReplacedWithoutFailingTheRequest() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket api = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // answers one request per connection as if keeping it alive, then closes it (an idle timeout)
            Thread.ofVirtual().start(() -> {
                while (!api.isClosed()) {
                    try (Socket connection = api.accept()) {
                        connections.incrementAndGet();
                        InputStream in = connection.getInputStream();
                        int matched = 0;
                        while (matched < 4) {
                            int b = in.read();
                            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
                        }
                        connection.getOutputStream().write(
                                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                    } catch (IOException e) {
                        // closed at the end
                    }
                }
            });
            Multiplexer mooring = tunnelTo(URI.create("http://127.0.0.1:" + api.getLocalPort()));
            for (int i = 0; i < 3; i++) {
                assertThat(get(mooring, "/api")).isEqualTo("200 ok");
            }
            assertThat(connections.get()).isEqualTo(3);
        }
    }
}
