package dev.mooring.notifications;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real webhook receiver on loopback (port 0): answers the CloudEvents abuse-protection handshake (or not) and
 * records every delivery, answering with the status (and Retry-After) the test sets.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as received. */
    record Received(String contentType, String signature, String body, List<JsonNode> events) {

        /** Parses the CloudEvents once, as it arrives (one for a single event, all of a batch). */
        static Received of(String contentType, String signature, String body) {
            JsonNode node = JSON.readTree(body);
            return new Received(contentType, signature, body, node.isArray() ? List.copyOf(node.values()) : List.of(node));
        }
    }

    /** What the receiver answers a delivery with. */
    record Answer(int status, String retryAfter) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> handshakes = new CopyOnWriteArrayList<>();
    private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(200, null));
    private volatile boolean acceptHandshake = true;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestMethod().equals("OPTIONS")) {
                    String origin = exchange.getRequestHeaders().getFirst("WebHook-Request-Origin");
                    handshakes.add(origin);
                    if (acceptHandshake && origin != null) {
                        exchange.getResponseHeaders().add("WebHook-Allowed-Origin", origin);
                    }
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(Received.of(exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Mooring-Signature"), body));
                Answer now = answer.get();
                if (now.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", now.retryAfter());
                }
                exchange.sendResponseHeaders(now.status(), -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/mooring?code=secret-in-query";
    }

    void answer(int status, String retryAfter) {
        answer.set(new Answer(status, retryAfter));
    }

    void refuseHandshake() {
        acceptHandshake = false;
    }

    List<Received> received() {
        return received;
    }

    List<JsonNode> events() {
        return received.stream().flatMap(r -> r.events().stream()).toList();
    }

    List<String> handshakes() {
        return handshakes;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
