package dev.mooring.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fleet simulator: {@code simulate --clusters N --rate R --seconds S} creates N connected clusters through
 * ARM (each with its own onboarding key), onboards an agent for each, then sends R heartbeats a second in
 * total, spread over the clusters, on virtual threads, and prints the throughput and latency percentiles.
 * {@code --call identity} sends the authenticated no-op identity call instead (the HTTP ceiling).
 * {@code --concurrency C} runs closed-loop instead: C callers back to back, as fast as Mooring answers (the
 * ceiling), and {@code --rate} is ignored.
 *
 * <p>Options: {@code --arm URL} (default http://localhost:8080), {@code --token T} or {@code --token-endpoint URL}
 * (local mode's issuer by default), {@code --subscription ID}, {@code --resource-group NAME} (default sim),
 * {@code --location eastus}, {@code --data-plane URL} (default {arm}/dataplane/{location}).
 */
final class Simulator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_IN_FLIGHT = 256;

    record Options(String arm, String token, String subscription, String resourceGroup, String location,
            String dataPlane, int clusters, double rate, int seconds, String call, int concurrency) {

        static Options parse(String[] args) {
            return parse(Flags.parse(args));
        }

        static Options parse(Map<String, String> map) {
            String arm = map.getOrDefault("arm", "http://localhost:8080");
            String location = map.getOrDefault("location", "eastus");
            return new Options(arm, map.get("token") != null ? map.get("token")
                    : localToken(map.getOrDefault("token-endpoint", arm + "/local/token")),
                    map.getOrDefault("subscription", "11111111-0000-0000-0000-000000000001"),
                    map.getOrDefault("resource-group", "sim"), location,
                    map.getOrDefault("data-plane", arm + "/dataplane/" + location),
                    Integer.parseInt(map.getOrDefault("clusters", "100")),
                    Double.parseDouble(map.getOrDefault("rate", "100")),
                    Integer.parseInt(map.getOrDefault("seconds", "30")),
                    map.getOrDefault("call", "heartbeat"),
                    Integer.parseInt(map.getOrDefault("concurrency", "0")));
        }
    }

    record Result(long completed, long failed, double perSecond, Histogram latency, String firstFailure) {

        String summary(String what) {
            return String.format("%s: %d ok, %d failed, %.0f/s; latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f%s",
                    what, completed, failed, perSecond, latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(90) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                    latency.getValueAtPercentile(99.9) / 1000.0, latency.getMaxValue() / 1000.0,
                    firstFailure == null ? "" : "; first failure: " + firstFailure);
        }
    }

    private Simulator() {
    }

    static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<Agent> agents = prepare(options);
        presign(agents, tokensPerAgent(agents, options.concurrency() > 0 ? 5000.0 * options.seconds()
                : options.rate() * options.seconds()), Tokens.LIFETIME);
        Result result = options.concurrency() > 0 ? saturate(agents, options.call(), options.concurrency(),
                options.seconds()) : run(agents, options);
        System.out.println(result.summary(options.call()));
    }

    /** Creates the clusters through ARM and onboards one agent for each; the agents share one HTTP client. */
    static List<Agent> prepare(Options options) throws Exception {
        // HTTP/1.1 kept alive, as from the ingress in front of Mooring (no h2c upgrade offered on new connections).
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        prepareResourceGroup(http, options);
        Path state = Files.createTempDirectory("mooring-simulator");
        List<Agent> agents = java.util.Collections.synchronizedList(new ArrayList<>());
        // Onboarding is CPU-bound (an RSA key per cluster): as many at once as there are cores, twice over.
        try (var executor = Executors.newFixedThreadPool(2 * Runtime.getRuntime().availableProcessors())) {
            for (int i = 0; i < options.clusters(); i++) {
                int n = i;
                executor.submit(() -> {
                    AgentSettings settings = createCluster(http, options, "sim-" + n, "simulated",
                            state.resolve("sim-" + n), new ClusterFacts.Facts("v1.30.2", 3, 12));
                    Agent agent = new Agent(settings, new MooringClient(settings, http, false),
                            ClusterFacts.fromSettings(settings), null, Clock.systemUTC());
                    agent.ensureIdentity();
                    agents.add(agent);
                    return null;
                });
            }
        }
        if (agents.size() != options.clusters()) {
            throw new IllegalStateException("Only " + agents.size() + " of " + options.clusters() + " agents onboarded");
        }
        return agents;
    }

    /** Creates the resource group and registers Microsoft.Kubernetes, waiting until it reads Registered. */
    static void prepareResourceGroup(HttpClient http, Options options) throws Exception {
        String subscription = options.arm() + "/subscriptions/" + options.subscription();
        arm(http, options, "PUT", subscription + "/resourcegroups/" + options.resourceGroup() + "?api-version=2021-04-01",
                Map.of("location", options.location()));
        arm(http, options, "POST", subscription + "/providers/Microsoft.Kubernetes/register?api-version=2021-04-01", Map.of());
        for (int i = 0; i < 100; i++) {
            String state = JSON.readTree(arm(http, options, "GET", subscription
                    + "/providers/Microsoft.Kubernetes?api-version=2021-04-01", null)).get("registrationState").stringValue();
            if (state.equals("Registered")) {
                break;
            }
            Thread.sleep(500);
        }
    }

    /**
     * Creates connected cluster {@code name} through ARM with a fresh onboarding key, as {@code az connectedk8s
     * connect} does, and returns the settings its agent needs (state in {@code state}, reporting {@code facts}).
     */
    static AgentSettings createCluster(HttpClient http, Options options, String name, String distribution, Path state,
            ClusterFacts.Facts facts) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair onboarding = generator.generateKeyPair();
        String publicKey = Base64.getEncoder().encodeToString(SubjectPublicKeyInfo.getInstance(
                onboarding.getPublic().getEncoded()).parsePublicKey().getEncoded());
        arm(http, options, "PUT", clusterUrl(options, name), Map.of("location", options.location(), "identity", Map.of("type", "SystemAssigned"),
                        "properties", Map.of("agentPublicKeyCertificate", publicKey, "distribution", distribution)));
        return new AgentSettings(options.subscription(), options.resourceGroup(), name,
                options.location(), null, Pems.write(onboarding.getPrivate()), options.dataPlane(), state, null, null,
                null, null, facts.kubernetesVersion(), facts.totalNodeCount(), facts.totalCoreCount());
    }

    /** Signs {@code perAgent} tokens living {@code lifetime} ahead for every agent, on all cores. */
    static void presign(List<Agent> agents, int perAgent, Duration lifetime) throws InterruptedException {
        try (var executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            for (Agent agent : agents) {
                executor.submit(() -> agent.presign(perAgent, lifetime));
            }
        }
        System.gc(); // so that the pile of fresh tokens does not land a collection in the measured run
    }

    /**
     * The same agents, their calls routed through Mooring's Spring MVC handlers instead of its lean path: the
     * cluster's name has its first letter percent-encoded in the URL, which the lean path hands on and Spring MVC
     * decodes. The benchmark's before and after in one run.
     */
    static List<Agent> throughSpringMvc(List<Agent> fleet) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<Agent> agents = new ArrayList<>();
        for (Agent agent : fleet) {
            String name = agent.settings().resourceName();
            AgentSettings settings = agent.settings().withResourceName(
                    String.format("%%%02X", (int) name.charAt(0)) + name.substring(1));
            Agent mvc = new Agent(settings, new MooringClient(settings, http, false),
                    ClusterFacts.fromSettings(settings), null, Clock.systemUTC());
            mvc.ensureIdentity(); // the identity the agent onboarded with, from its state directory
            agents.add(mvc);
        }
        return agents;
    }

    /** Tokens each agent needs for {@code calls} calls spread evenly over the fleet, with a margin. */
    static int tokensPerAgent(List<Agent> agents, double calls) {
        return (int) Math.ceil(calls / agents.size()) + 1;
    }

    /** Sends {@code rate} calls a second in total for {@code seconds}, each agent in turn, and measures them. */
    static Result run(List<Agent> agents, Options options) throws InterruptedException {
        return run(agents, options.rate(), options.seconds(), agent -> call(agent, options.call()));
    }

    /** Open loop: {@code call} made {@code rate} times a second for {@code seconds}, latency counted from due. */
    static Result run(List<Agent> agents, double rate, int seconds, java.util.function.Consumer<Agent> call)
            throws InterruptedException {
        ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long intervalNanos = (long) (1_000_000_000L / rate);
        // One client process cannot hold a connection per cluster as a fleet does: at most MAX_IN_FLIGHT calls
        // are open at once; a call that waits for a slot counts the wait as latency.
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            long next = start;
            int i = ThreadLocalRandom.current().nextInt(agents.size());
            while (next < end) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Agent agent = agents.get(i++ % agents.size());
                long scheduled = next;
                inFlight.acquire();
                executor.submit(() -> {
                    try {
                        call.accept(agent);
                        // Measured from when the call was due, so a backed-up client shows as latency too.
                        latency.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
                        completed.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.getMessage());
                    } finally {
                        inFlight.release();
                    }
                });
                next += intervalNanos;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(completed.get(), failed.get(), completed.get() / elapsed, latency, firstFailure.get());
    }

    /** Closed loop: {@code concurrency} callers, each calling again as soon as it is answered. */
    static Result saturate(List<Agent> agents, String call, int concurrency, int seconds) throws InterruptedException {
        ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicLong turn = new AtomicLong(ThreadLocalRandom.current().nextInt(agents.size()));
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                executor.submit(() -> {
                    while (System.nanoTime() < end) {
                        Agent agent = agents.get((int) (turn.getAndIncrement() % agents.size()));
                        long begun = System.nanoTime();
                        try {
                            call(agent, call);
                            latency.recordValue((System.nanoTime() - begun) / 1000);
                            completed.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e.getMessage());
                        }
                    }
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(completed.get(), failed.get(), completed.get() / elapsed, latency, firstFailure.get());
    }

    private static void call(Agent agent, String call) {
        if (call.equals("identity")) {
            agent.identityCall();
        } else {
            agent.heartbeat();
        }
    }

    /** The connected cluster's ARM URL. */
    static String clusterUrl(Options options, String name) {
        return options.arm() + "/subscriptions/" + options.subscription() + "/resourceGroups/" + options.resourceGroup()
                + "/providers/Microsoft.Kubernetes/connectedClusters/" + name + "?api-version=2024-01-01";
    }

    static String arm(HttpClient http, Options options, String method, String url, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + options.token()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String localToken(String endpoint) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).get("access_token").stringValue();
        } catch (Exception e) {
            throw new IllegalStateException("No --token given and local mode's token endpoint " + endpoint
                    + " did not answer", e);
        }
    }
}
