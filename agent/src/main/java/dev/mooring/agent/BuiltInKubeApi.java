package dev.mooring.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stand-alone agent's Kubernetes API ({@code --kubernetes none}): just enough for {@code kubectl version},
 * {@code kubectl api-resources} and {@code kubectl get nodes} through Mooring when there is no cluster. It
 * answers discovery ({@code /version}, {@code /api}, {@code /apis}, {@code /api/v1}) and a read-only list of
 * the simulated nodes ({@code /api/v1/nodes[/{name}]}, as a server-side table when kubectl asks for one);
 * anything else is a Kubernetes 404 Status. It listens on loopback only; the agent's forwarder is its one client.
 */
final class BuiltInKubeApi implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ClusterFacts.Facts facts;
    private final Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    BuiltInKubeApi(ClusterFacts.Facts facts) throws IOException {
        this.facts = facts;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** What the forwarder needs to reach this server (plain HTTP on loopback; no token checked). */
    KubeApiForwarder.ApiServer apiServer() {
        return new KubeApiForwarder.ApiServer(url(), null, () -> "");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, status(405, "MethodNotAllowed", "the built-in API of a stand-alone agent is read-only"));
                return;
            }
            boolean table = String.valueOf(exchange.getRequestHeaders().getFirst("Accept")).contains("as=Table");
            Object body = switch (path) {
                case "/version" -> version();
                case "/api" -> Map.of("kind", "APIVersions", "versions", List.of("v1"),
                        "serverAddressByClientCIDRs", List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", "127.0.0.1")));
                case "/apis" -> Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", List.of());
                case "/api/v1" -> Map.of("kind", "APIResourceList", "groupVersion", "v1", "resources", List.of(
                        Map.of("name", "nodes", "singularName", "node", "namespaced", false, "kind", "Node",
                                "verbs", List.of("get", "list"), "shortNames", List.of("no"))));
                case "/api/v1/nodes" -> table ? table(nodes()) : nodeList();
                default -> path.startsWith("/api/v1/nodes/") ? node(path.substring("/api/v1/nodes/".length()), table)
                        : null;
            };
            if (body == null) {
                send(exchange, 404, status(404, "NotFound", "the server could not find the requested resource"
                        + " (a stand-alone agent serves discovery and nodes only)"));
            } else {
                send(exchange, 200, body);
            }
        }
    }

    private Map<String, Object> version() {
        String git = facts.kubernetesVersion() == null ? "v0.0.0" : facts.kubernetesVersion();
        String[] parts = git.replaceFirst("^v", "").split("[.+-]");
        return Map.of("major", parts[0], "minor", parts.length > 1 ? parts[1] : "0", "gitVersion", git,
                "platform", "linux/amd64");
    }

    private List<Map<String, Object>> nodes() {
        int count = facts.totalNodeCount() == null ? 1 : facts.totalNodeCount();
        int cores = facts.totalCoreCount() == null ? count : facts.totalCoreCount();
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // The cores spread over the nodes; the first nodes take the remainder.
            int cpu = cores / count + (i < cores % count ? 1 : 0);
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("apiVersion", "v1");
            node.put("kind", "Node");
            node.put("metadata", Map.of("name", "node-" + i, "uid", "00000000-0000-0000-0000-" + String.format("%012d", i),
                    "creationTimestamp", created.toString(), "labels", Map.of("kubernetes.io/hostname", "node-" + i,
                            "kubernetes.io/os", "linux", "mooring.dev/simulated", "true")));
            node.put("status", Map.of("capacity", Map.of("cpu", String.valueOf(cpu), "pods", "110"),
                    "conditions", List.of(Map.of("type", "Ready", "status", "True")),
                    "nodeInfo", Map.of("kubeletVersion", facts.kubernetesVersion() == null ? "" : facts.kubernetesVersion(),
                            "operatingSystem", "linux", "architecture", "amd64")));
            nodes.add(node);
        }
        return nodes;
    }

    private Map<String, Object> nodeList() {
        return Map.of("apiVersion", "v1", "kind", "NodeList", "metadata", Map.of("resourceVersion", "1"), "items", nodes());
    }

    private Object node(String name, boolean table) {
        return nodes().stream().filter(node -> name.equals(((Map<?, ?>) node.get("metadata")).get("name"))).findFirst()
                .map(node -> table ? table(List.of(node)) : (Object) node).orElse(null);
    }

    /** The server-side table {@code kubectl get} asks for, with the columns a real API server prints for nodes. */
    private Map<String, Object> table(List<Map<String, Object>> nodes) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> node : nodes) {
            Map<?, ?> metadata = (Map<?, ?>) node.get("metadata");
            rows.add(Map.of("cells", List.of(metadata.get("name"), "Ready", "<none>",
                    ChronoUnit.MINUTES.between(created, Instant.now()) + "m",
                    facts.kubernetesVersion() == null ? "" : facts.kubernetesVersion()),
                    "object", Map.of("kind", "PartialObjectMetadata", "apiVersion", "meta.k8s.io/v1", "metadata", metadata)));
        }
        List<Map<String, Object>> columns = new ArrayList<>();
        for (String column : List.of("Name", "Status", "Roles", "Age", "Version")) {
            columns.add(Map.of("name", column, "type", "string", "format", column.equals("Name") ? "name" : "",
                    "description", column, "priority", 0));
        }
        return Map.of("kind", "Table", "apiVersion", "meta.k8s.io/v1", "metadata", Map.of("resourceVersion", "1"),
                "columnDefinitions", columns, "rows", rows);
    }

    private static Map<String, Object> status(int code, String reason, String message) {
        return Map.of("kind", "Status", "apiVersion", "v1", "metadata", Map.of(), "status", "Failure",
                "message", message, "reason", reason, "code", code);
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
