package dev.mooring.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.testing.ServiceTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security fuzzing: drives every operation of {@code api-spec/*.openapi.json} and of the official Azure specs
 * (where {@code ../shared/azure-specs} is present) with generated and mutated requests: path segments, query
 * parameters, headers, bodies and their encodings, with good, missing, foreign and forged credentials. Every
 * answer must be below 500; every 4xx an ARM JSON error; no answer may name an internal class or echo a
 * protected value. The default run sends {@value #DEFAULT_REQUESTS} requests; {@code -Dfuzz.requests=100000}
 * runs longer, {@code -Dfuzz.seed=...} repeats a run.
 */
class ApiFuzzTest extends ServiceTest {

    private static final long DEFAULT_REQUESTS = 10_000;
    private static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(75);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern INNER_CLASS = Pattern.compile("[a-z0-9]\\$[A-Z]");
    private static final String SECRET = "fuzz-protected-" + UUID.randomUUID();
    private static final String SECRET_BASE64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));

    private record Operation(String method, String template, List<String> apiVersions, String source) {
    }

    private record Sent(String method, String uri, Map<String, String> headers, byte[] body) {
        String describe() {
            return method + " " + uri + " " + headers.keySet() + (body == null ? "" : " body=" + body.length + "B");
        }
    }

    private record Fixture(Tenant tenant, String token, String otherTenantToken, String adminToken, String onboardingKey) {
    }

    @Test
    void noInputMakesTheServiceFailOrLeak() throws Exception {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(40);
        Fixture fixture = fixture();
        long budget = Long.getLong("fuzz.requests", DEFAULT_REQUESTS);
        Duration timeBudget = System.getProperty("fuzz.requests") == null ? DEFAULT_TIME_BUDGET : Duration.ofDays(1);
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        Instant deadline = Instant.now().plus(timeBudget);

        AtomicLong sent = new AtomicLong();
        AtomicLong serverErrors = new AtomicLong();
        Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        int workers = 6;
        Random random = new Random(seed);
        // jqwik's generators outside a property run in a session on one thread: generate here, send in parallel.
        JqwikSession.start();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            while (sent.get() < budget && Instant.now().isBefore(deadline)) {
                List<java.util.concurrent.Future<?>> batch = new ArrayList<>();
                for (int i = 0; i < BATCH && sent.get() < budget; i++) {
                    sent.incrementAndGet();
                    Sent request = generate(random, operations, fixture);
                    batch.add(pool.submit(() -> {
                        judge(client, request, serverErrors, byStatus, violations);
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> each : batch) {
                    each.get();
                }
            }
        } finally {
            JqwikSession.finish();
        }
        System.out.printf(REPORT, sent.get(), operations.size(), seed, serverErrors.get(), violations.size(),
                new TreeMap<>(byStatus));
        assertThat(violations).as("seed " + seed + "; first violations").isEmpty();
    }

    private static final int BATCH = 200;
    private static final String REPORT =
            "ApiFuzzTest: %d requests over %d operations (seed %d), %d answered 5xx, %d violations; by status %s%n";

    private static void judge(HttpClient client, Sent request, AtomicLong serverErrors, Map<Integer, AtomicLong> byStatus,
            List<String> violations) throws InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = send(client, request);
        } catch (IOException e) {
            violations.add("no answer (" + e + "): " + request.describe());
            return;
        }
        byStatus.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
        if (response.statusCode() >= 500) {
            serverErrors.incrementAndGet();
        }
        if (violations.size() < 1000) {
            check(request, response).ifPresent(violations::add);
        }
    }

    // ---- the operations ----

    private static List<Operation> operations() throws IOException {
        List<Operation> operations = new ArrayList<>();
        try (Stream<Path> specs = Files.list(Path.of("..", "api-spec"))) {
            for (Path spec : specs.filter(p -> p.toString().endsWith(".openapi.json")).sorted().toList()) {
                addOperations(JSON.readTree(spec.toFile()), null, spec.getFileName().toString(), operations);
            }
        }
        Path azure = Path.of("..", "..", "shared", "azure-specs", "specification");
        if (Files.isDirectory(azure)) {
            try (Stream<Path> files = Files.walk(azure)) {
                for (Path spec : files.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("examples"))
                        .sorted().toList()) {
                    JsonNode tree = JSON.readTree(spec.toFile());
                    if (tree.has("swagger") && tree.has("paths")) {
                        addOperations(tree, tree.path("info").path("version").asString(null), spec.toString(),
                                operations);
                    }
                }
            }
        } else {
            System.out.println("ApiFuzzTest: ../shared/azure-specs is absent; fuzzing Mooring's own specs only");
        }
        return operations;
    }

    private static void addOperations(JsonNode spec, String apiVersion, String source, List<Operation> into) {
        for (var path : spec.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                if (List.of("GET", "PUT", "POST", "PATCH", "DELETE", "HEAD").contains(method)) {
                    into.add(new Operation(method, path.getKey(), apiVersion != null ? List.of(apiVersion)
                            : apiVersionsFor(path.getKey()), source));
                }
            }
        }
    }

    /** api-versions Mooring serves for each kind of path of its own specs (they declare the parameter, not its values). */
    private static List<String> apiVersionsFor(String template) {
        if (template.startsWith("/inventory") || template.startsWith("/dataplane") || template.startsWith("/oidc")) {
            return List.of();
        }
        if (template.contains("Microsoft.EventGrid")) {
            return List.of("2022-06-15", "2025-02-15");
        }
        if (template.contains("KubernetesConfiguration")) {
            return List.of("2023-05-01", "2021-03-01");
        }
        if (template.contains("connectedClusters")) {
            return List.of("2026-05-01", "2024-01-01", "2021-10-01", "2021-03-01");
        }
        if (template.contains("Microsoft.Authorization")) {
            return List.of("2022-04-01", "2015-07-01");
        }
        if (template.equals("/subscriptions/{subscriptionId}")) {
            return List.of("2022-12-01", "2.0");
        }
        return List.of("2021-04-01", "2022-12-01");
    }

    // ---- the world the requests meet ----

    private Fixture fixture() throws Exception {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(t, "Microsoft.Kubernetes");
        registerProvider(t, "Microsoft.KubernetesConfiguration");
        registerProvider(t, "Microsoft.EventGrid");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String onboardingKey = Base64.getEncoder().encodeToString(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo
                .getInstance(rsa.generateKeyPair().getPublic().getEncoded()).parsePublicKey().getEncoded());
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"identity\":{\"type\":"
                        + "\"SystemAssigned\"},\"properties\":{\"agentPublicKeyCertificate\":\"" + onboardingKey + "\"}}")
                .put(t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c1"
                        + "?api-version=2024-01-01").then().statusCode(201);
        return new Fixture(t, t.owner(), idp.anyUser().sign(), idp.anyUser().roles("Platform.Admin").sign(),
                onboardingKey);
    }

    // ---- generation ----

    private static <T> T one(Arbitrary<T> arbitrary, Random random) {
        RandomGenerator<T> generator = arbitrary.generator(1000);
        return generator.next(random).value();
    }

    private static final Arbitrary<String> ANY_TEXT = Arbitraries.strings().all().ofMinLength(0).ofMaxLength(80);
    private static final Arbitrary<String> WEIRD = Arbitraries.of("", " ", "..", ".", "İ", "ΑΣ", "a\u0000b", "\uFEFF",
            "%00", "%FF", "%C3%28", "%E2%82", "%", "%G1", "a/b", "%2F", "%2e%2e", "$", "'", "\"", "<script>", "\\",
            "null", "true", "-1", "0", "99999999999999999999", "1e400", "NaN", "rg%2Dx", "RG", "Rg", "c1", "C1",
            "x".repeat(300), "é".repeat(100), "\uD800", "00000000-0000-0000-0000-000000000000", "{subscriptionId}");

    private Sent generate(Random random, List<Operation> operations, Fixture fixture) {
        Operation operation = operations.get(random.nextInt(operations.size()));
        StringBuilder path = new StringBuilder();
        Matcher segments = new Matcher(operation.template());
        while (segments.next()) {
            path.append(segments.literal());
            if (segments.parameter() != null) {
                path.append(pathValue(segments.parameter(), operation, random, fixture));
            }
        }
        path.append(segments.rest());
        String uri = path.toString();
        if (random.nextInt(20) == 0) {
            uri = mutateCase(uri, random);
        }
        List<String> query = new ArrayList<>();
        int apiChoice = random.nextInt(10);
        if (!operation.apiVersions().isEmpty() && apiChoice < 8) {
            query.add("api-version=" + operation.apiVersions().get(random.nextInt(operation.apiVersions().size())));
        } else if (apiChoice == 8) {
            query.add("api-version=" + encodeOrRaw(one(Arbitraries.oneOf(WEIRD, ANY_TEXT), random), random));
        }
        int extra = random.nextInt(4);
        for (int i = 0; i < extra; i++) {
            query.add(queryParameter(random));
        }
        if (random.nextInt(8) == 0) {
            Collections.shuffle(query, random);
        }
        String fullUri = "http://localhost:" + port + uri + (query.isEmpty() ? "" : "?" + String.join("&", query));

        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String token = switch (random.nextInt(12)) {
            case 0 -> null;
            case 1 -> "not.a.token";
            case 2 -> fixture.otherTenantToken();
            case 3 -> fixture.adminToken();
            case 4 -> idp.anyUser().without("exp").sign();
            case 5 -> idp.anyUser().signedWithUnknownKey().sign();
            default -> fixture.token();
        };
        if (token != null) {
            headers.put("Authorization", (random.nextInt(30) == 0 ? "AgentToken " : "Bearer ") + token);
        }
        if (random.nextInt(4) == 0) {
            headers.put("Accept", one(Arbitraries.of("text/html", "application/xml", "*/*", "application/json",
                    "image/png", "application/json;q=0", "garbage", "text/csv"), random));
        }
        if (random.nextInt(10) == 0) {
            headers.put(one(Arbitraries.of("If-Match", "If-None-Match", "x-ms-client-request-id",
                    "x-ms-correlation-request-id", "x-ms-return-client-request-id", "Forwarded", "X-Forwarded-Host",
                    "Impersonate-User", "X-Mooring-Agent-Instance", "Accept-Language"), random),
                    printableAscii(one(Arbitraries.oneOf(WEIRD, ANY_TEXT), random)));
        }
        byte[] body = null;
        if (List.of("PUT", "POST", "PATCH").contains(operation.method()) || random.nextInt(20) == 0) {
            body = body(operation, random, fixture);
            if (body != null) {
                headers.put("Content-Type", random.nextInt(8) == 0 ? one(Arbitraries.of("text/plain",
                        "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1", "multipart/form-data",
                        "application/merge-patch+json", ""), random) : "application/json");
            }
        }
        return new Sent(operation.method(), fullUri, headers, body);
    }

    private String pathValue(String parameter, Operation operation, Random random, Fixture fixture) {
        int choice = random.nextInt(10);
        if (choice >= 7) {
            return encodeOrRaw(one(Arbitraries.oneOf(WEIRD, ANY_TEXT, Arbitraries.strings().alpha().numeric()
                    .withChars('-', '_', '.', '(', ')').ofMinLength(1).ofMaxLength(100)), random), random);
        }
        boolean destructive = operation.method().equals("DELETE") || operation.template().equals("/subscriptions/{subscriptionId}")
                && operation.method().equals("PUT");
        return switch (parameter) {
            case "subscriptionId" -> destructive && operation.template().equals("/subscriptions/{subscriptionId}")
                    ? UUID.randomUUID().toString() : fixture.tenant().subscriptionId().toString();
            case "resourceGroupName", "resourceGroup" -> destructive && random.nextBoolean() ? "other" : "rg";
            case "clusterName", "resourceName" -> destructive ? "c" + random.nextInt(5) : "c1";
            case "clusterRp", "resourceProviderNamespace", "resourceNamespace" -> one(Arbitraries.of(
                    "Microsoft.Kubernetes", "Microsoft.KubernetesConfiguration", "Microsoft.ContainerService"), random);
            case "clusterResourceName", "resourceType" -> one(Arbitraries.of("connectedClusters", "managedClusters"), random);
            case "region", "location" -> one(Arbitraries.of("eastus", "westeurope", "nowhere"), random);
            case "roleAssignmentName", "operationId", "roleDefinitionId" -> UUID.randomUUID().toString();
            default -> "n" + random.nextInt(100);
        };
    }

    private static String queryParameter(Random random) {
        String name = one(Arbitraries.oneOf(Arbitraries.of("$skipToken", "$top", "$filter", "$expand", "orderBy",
                "namePrefix", "since", "until", "format", "releaseTrain", "groupBy", "tag", "subscriptionId",
                "kubernetesVersion", "lastConnectivityTimeBefore", "connectivityStatus", "api-version"), WEIRD), random);
        String value = switch (random.nextInt(5)) {
            case 0 -> Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + one(ANY_TEXT, random))
                    .getBytes(StandardCharsets.UTF_8));
            case 1 -> one(Arbitraries.of("1", "0", "-5", "1001", "abc", "name desc", "lastConnectivityTime asc",
                    "2026-11-20T10:00:00Z", "P1D", "ge 1.28", "atScope()", "principalId eq 'x'", "k:v", "csv"), random);
            default -> one(Arbitraries.oneOf(WEIRD, ANY_TEXT), random);
        };
        return encodeOrRaw(name, random) + "=" + encodeOrRaw(value, random);
    }

    private static byte[] body(Operation operation, Random random, Fixture fixture) {
        String template;
        if (operation.template().contains("sourceControlConfigurations")) {
            template = "{\"properties\":{\"repositoryUrl\":\"https://github.com/x/y\",\"operatorNamespace\":\"ns\","
                    + "\"operatorInstanceName\":\"op\",\"operatorType\":\"Flux\",\"operatorScope\":\"cluster\","
                    + "\"sshKnownHostsContents\":\"\",\"configurationProtectedSettings\":{\"sshPrivateKey\":\""
                    + SECRET_BASE64 + "\",\"token\":\"" + SECRET + "\"}}}";
        } else if (operation.template().contains("eventSubscriptions")) {
            // Port 9 on loopback refuses at once: the handshake fails; the key in the query must never come back.
            template = "{\"properties\":{\"destination\":{\"endpointType\":\"WebHook\",\"properties\":{"
                    + "\"endpointUrl\":\"http://127.0.0.1:9/hook?code=" + SECRET + "\",\"maxEventsPerBatch\":10}},"
                    + "\"filter\":{\"includedEventTypes\":[\"Microsoft.Kubernetes.ConnectedClusterConnectivityChanged\"]},"
                    + "\"retryPolicy\":{\"maxDeliveryAttempts\":3,\"eventTimeToLiveInMinutes\":60}}}";
        } else if (operation.template().contains("connectedClusters")) {
            template = "{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},\"tags\":{\"a\":\"b\"},"
                    + "\"properties\":{\"agentPublicKeyCertificate\":\"" + fixture.onboardingKey() + "\"}}";
        } else if (operation.template().contains("roleAssignments")) {
            template = "{\"properties\":{\"roleDefinitionId\":\"/providers/Microsoft.Authorization/roleDefinitions/"
                    + "acdd72a7-3385-48ef-bd42-f606fba81ae7\",\"principalId\":\"" + UUID.randomUUID()
                    + "\",\"principalType\":\"User\"}}";
        } else if (operation.template().contains("/onboard")) {
            template = "{\"token\":\"a.b.c\",\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\\nAAAA\\n-----END CERTIFICATE REQUEST-----\"}";
        } else if (operation.template().contains("heartbeat")) {
            template = "{\"agentVersion\":\"0.1.0\",\"kubernetesVersion\":\"1.29.0\",\"totalNodeCount\":1}";
        } else {
            template = "{\"location\":\"eastus\",\"tags\":{\"k\":\"v\"},\"state\":\"Registered\",\"properties\":{}}";
        }
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> one(ANY_TEXT, random).getBytes(StandardCharsets.UTF_8);
            case 2 -> invalidUtf8(template, random);
            case 3 -> ("[".repeat(2000) + "]".repeat(2000)).getBytes(StandardCharsets.UTF_8);
            case 4, 5, 6 -> mutateJson(template, random).getBytes(StandardCharsets.UTF_8);
            default -> template.getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] invalidUtf8(String text, Random random) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] broken = bytes.clone();
        broken[random.nextInt(broken.length)] = (byte) (0x80 + random.nextInt(0x80));
        return broken;
    }

    /** The template with one value replaced by something of another type or shape. */
    private static String mutateJson(String template, Random random) {
        JsonNode tree = JSON.readTree(template);
        List<tools.jackson.databind.node.ObjectNode> objects = new ArrayList<>();
        collectObjects(tree, objects);
        tools.jackson.databind.node.ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>(target.propertyNames());
        String name = names.isEmpty() || random.nextInt(5) == 0 ? one(Arbitraries.oneOf(WEIRD, ANY_TEXT), random)
                : names.get(random.nextInt(names.size()));
        switch (random.nextInt(9)) {
            case 0 -> target.put(name, random.nextLong());
            case 1 -> target.putNull(name);
            case 2 -> target.putArray(name).add(one(ANY_TEXT, random));
            case 3 -> target.putObject(name).put(one(ANY_TEXT, random), one(WEIRD, random));
            case 4 -> target.put(name, one(Arbitraries.oneOf(WEIRD, ANY_TEXT), random));
            case 5 -> target.put(name, random.nextBoolean());
            case 6 -> target.put(name, "x".repeat(10_000));
            case 7 -> target.put(name, 1e308 * 10);
            default -> target.remove(name);
        }
        return tree.toString();
    }

    private static void collectObjects(JsonNode node, List<tools.jackson.databind.node.ObjectNode> into) {
        if (node instanceof tools.jackson.databind.node.ObjectNode object) {
            into.add(object);
            object.values().forEach(child -> collectObjects(child, into));
        }
    }

    private static String encodeOrRaw(String value, Random random) {
        boolean raw = random.nextInt(3) == 0 && value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '#' && c != '&'
                && c != '?' && c != '/' && c != ' ') && isUri(value);
        return raw ? value : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean isUri(String value) {
        try {
            URI.create("http://h/" + value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String mutateCase(String uri, Random random) {
        StringBuilder out = new StringBuilder(uri);
        for (int i = 0; i < out.length(); i++) {
            if (random.nextInt(4) == 0 && Character.isLetter(out.charAt(i))) {
                char c = out.charAt(i);
                out.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
            }
        }
        return out.toString();
    }

    private static String printableAscii(String value) {
        StringBuilder out = new StringBuilder();
        value.chars().filter(c -> c >= 0x20 && c < 0x7f).forEach(c -> out.append((char) c));
        return out.toString();
    }

    // ---- sending and judging ----

    private static HttpResponse<byte[]> send(HttpClient client, Sent request) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(request.uri());
        } catch (IllegalArgumentException e) {
            uri = URI.create(request.uri().replace("%", "%25").replaceAll("[^\\x21-\\x7e]", "_"));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            try {
                builder.header(name, value);
            } catch (IllegalArgumentException restricted) {
                // a header the client refuses to send
            }
        });
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static java.util.Optional<String> check(Sent request, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String where = status + " for " + request.describe() + ": " + body.substring(0, Math.min(body.length(), 300));
        if (status >= 500) {
            return java.util.Optional.of("server error " + where);
        }
        if (body.contains("dev.mooring") || INNER_CLASS.matcher(body).find() || body.contains("Exception")) {
            return java.util.Optional.of("internal name in answer " + where);
        }
        if (body.contains(SECRET) || body.contains(SECRET_BASE64)) {
            return java.util.Optional.of("protected value echoed " + where);
        }
        if (status >= 400 && !request.method().equals("HEAD")) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/json")) {
                return java.util.Optional.of("error without JSON content type " + where);
            }
            try {
                JsonNode error = JSON.readTree(body).path("error");
                if (!error.path("code").isString() || !error.path("message").isString()) {
                    return java.util.Optional.of("error not in ARM shape " + where);
                }
            } catch (RuntimeException e) {
                return java.util.Optional.of("error body is not JSON " + where);
            }
        }
        return java.util.Optional.empty();
    }

    /** Walks a path template's literal text and {parameters}. */
    private static final class Matcher {
        private final java.util.regex.Matcher matcher;
        private final String template;
        private int end;
        private String literal;
        private String parameter;

        Matcher(String template) {
            this.template = template;
            this.matcher = Pattern.compile("\\{([^}]+)}").matcher(template);
        }

        boolean next() {
            if (!matcher.find()) {
                return false;
            }
            literal = template.substring(end, matcher.start());
            parameter = matcher.group(1);
            end = matcher.end();
            return true;
        }

        String literal() {
            return literal;
        }

        String parameter() {
            return parameter;
        }

        String rest() {
            return template.substring(end);
        }
    }
}
