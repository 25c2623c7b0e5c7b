package dev.mooring.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A Kubernetes API server stand-in: fabric8's mock server in CRUD mode does the storage; this front answers
 * discovery, turns kubectl's HTTP-streamed watches into the mock's WebSocket watches, serves a large download
 * at {@code /large?bytes=N}, and records every request's headers for the tests to inspect.
 */
final class KubeApiStandIn implements AutoCloseable {

    /** One request as it reached the API server, and the client port of the connection that carried it. */
    record Seen(String method, String path, Map<String, List<String>> headers, int clientPort) {
        String first(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        List<String> all(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }
    }

    private static final Set<String> SKIP = Set.of("host", "connection", "content-length", "transfer-encoding",
            "upgrade", "expect");

    final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final HttpServer server;
    private final KubernetesClient kubernetes;
    private final HttpClient http = HttpClient.newHttpClient();

    KubeApiStandIn(KubernetesClient kubernetes) throws IOException {
        this.kubernetes = kubernetes;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        seen.add(new Seen(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()),
                exchange.getRemoteAddress().getPort()));
        try (exchange) {
            switch (path) {
                case "/api" -> json(exchange, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],"
                        + "\"serverAddressByClientCIDRs\":[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1\"}]}");
                // kubectl 1.32+ creates built-in kinds in protobuf, which the mock cannot read: announcing 1.30 makes
                // gcloud's kubectl dispatcher pick a 1.30 client, which speaks JSON.
                case "/version" -> json(exchange, "{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.0\"}");
                case "/apis" -> json(exchange, "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}");
                case "/api/v1" -> json(exchange, "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
                        + resource("namespaces", "Namespace", false, "ns") + ","
                        + resource("configmaps", "ConfigMap", true, "cm") + "]}");
                case "/large" -> large(exchange, Long.parseLong(query.substring("bytes=".length())));
                default -> {
                    if (query != null && query.contains("watch=true") && path.endsWith("/configmaps")) {
                        watchConfigMaps(exchange, path.split("/")[4]);
                    } else {
                        forward(exchange);
                    }
                }
            }
        }
    }

    private static String resource(String name, String kind, boolean namespaced, String shortName) {
        return "{\"name\":\"" + name + "\",\"singularName\":\"\",\"namespaced\":" + namespaced + ",\"kind\":\"" + kind
                + "\",\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],\"shortNames\":[\""
                + shortName + "\"]}";
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void large(HttpExchange exchange, long bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes);
        byte[] block = new byte[64 * 1024];
        OutputStream out = exchange.getResponseBody();
        for (long left = bytes; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(kubernetes.getMasterUrl().toString()
                        .replaceAll("/$", "") + exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!SKIP.contains(name.toLowerCase()) && !name.toLowerCase().startsWith("impersonate-")
                    && !name.equalsIgnoreCase("authorization")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** An HTTP-streamed watch (what kubectl sends), fed by a fabric8 watch on the mock server. */
    private void watchConfigMaps(HttpExchange exchange, String namespace) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        CountDownLatch ended = new CountDownLatch(1);
        try (Watch watch = kubernetes.configMaps().inNamespace(namespace).watch(new Watcher<ConfigMap>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                try {
                    synchronized (out) {
                        out.write((Serialization.asJson(Map.of("type", action.name(), "object", resource)) + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException e) {
                    ended.countDown(); // the client went away
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                ended.countDown();
            }
        })) {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
