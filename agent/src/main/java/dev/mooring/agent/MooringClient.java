package dev.mooring.agent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's calls to its region's data plane, through the configured proxy and trusting the configured
 * extra CA besides the system ones. A 410 means the cluster was deleted: the agent stops.
 */
final class MooringClient {

    static final class ClusterDeleted extends RuntimeException {
        ClusterDeleted() {
            super("The connected cluster was deleted", null, false, false);
        }
    }

    static final class CallFailed extends RuntimeException {
        final int status;

        CallFailed(int status, String body) {
            super("Mooring answered " + status + ": " + body, null, false, false);
            this.status = status;
        }

        /** No answer at all: {@code message} says what could not be reached and why. */
        CallFailed(String message) {
            super(message, null, false, false);
            this.status = 0;
        }
    }

    record Answer(int status, JsonNode body, String etag) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A call token is reused for most of its four-minute life rather than signed per call. */
    private static final Duration CALL_TOKEN_REUSE = Duration.ofMinutes(3);

    private record CallToken(AgentIdentity identity, String header, Instant renewAt) {
    }

    private final AgentSettings settings;
    private final HttpClient http;
    private final boolean reuseTokens;
    private volatile CallToken callToken;
    private final java.util.Queue<String> presigned = new java.util.concurrent.ConcurrentLinkedQueue<>();

    MooringClient(AgentSettings settings) {
        this(settings, httpClient(settings), true);
    }

    /**
     * For the simulator: many virtual agents share one HTTP client, and each call signs a fresh token, as a real
     * agent's heartbeats five minutes apart do.
     */
    MooringClient(AgentSettings settings, HttpClient http, boolean reuseTokens) {
        this.settings = settings;
        this.http = http;
        this.reuseTokens = reuseTokens;
    }

    private static HttpClient httpClient(AgentSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        ProxySelector proxy = proxySelector(settings);
        if (proxy != null) {
            builder.proxy(proxy);
        }
        if (settings.proxyCertificate() != null) {
            builder.sslContext(trusting(settings.proxyCertificate()));
        }
        return builder.build();
    }

    Answer onboard(String token, String csr) {
        return send("POST", "/onboard", null, Map.of("token", token, "csr", csr), null, Duration.ofSeconds(30));
    }

    Answer renew(AgentIdentity identity, String csr) {
        return send("POST", "/identity/renew", identity, Map.of("csr", csr), null, Duration.ofSeconds(30));
    }

    Answer identity(AgentIdentity identity) {
        return send("GET", "/identity", identity, null, null, Duration.ofSeconds(30));
    }

    Answer heartbeat(AgentIdentity identity, Map<String, Object> beat) {
        return send("POST", "/heartbeat", identity, beat, null, Duration.ofSeconds(30));
    }

    Answer configurations(AgentIdentity identity, String knownVersion, int waitSeconds) {
        return send("GET", "/configurations" + (waitSeconds > 0 ? "?waitSeconds=" + waitSeconds : ""), identity, null,
                knownVersion, Duration.ofSeconds(waitSeconds + 30L));
    }

    Answer status(AgentIdentity identity, String configuration, Map<String, Object> report) {
        return send("POST", "/configurations/" + configuration + "/status", identity, report, null, Duration.ofSeconds(30));
    }

    Answer agentProfile(AgentIdentity identity, String knownVersion) {
        return send("GET", "/agent-profile", identity, null, knownVersion, Duration.ofSeconds(30));
    }

    Answer agentStatus(AgentIdentity identity, Map<String, Object> status) {
        return send("POST", "/agent-status", identity, status, null, Duration.ofSeconds(30));
    }

    /** Uploads the cluster's service-account signing keys (a JWK Set document) for its OIDC issuer. */
    Answer uploadServiceAccountKeys(AgentIdentity identity, String jwks) {
        return send("PUT", "/oidc/keys", identity, JSON.readTree(jwks), null, Duration.ofSeconds(30));
    }

    Answer removed(AgentIdentity identity, String configuration) {
        return send("POST", "/configurations/" + configuration + "/removed", identity, Map.of(), null, Duration.ofSeconds(30));
    }

    /** A status report about one entry of a desired-state section (extensions, ...). */
    Answer sectionStatus(AgentIdentity identity, String section, String name, Map<String, Object> report) {
        return send("POST", "/" + section + "/" + name + "/status", identity, report, null, Duration.ofSeconds(30));
    }

    /** The entry of a desired-state section has been removed from the cluster. */
    Answer sectionRemoved(AgentIdentity identity, String section, String name) {
        return send("POST", "/" + section + "/" + name + "/removed", identity, Map.of(), null, Duration.ofSeconds(30));
    }

    /**
     * Dials the cluster-connect tunnel at {@code {cluster path}/tunnel}, authenticated like every agent call: a
     * plain upgraded stream when Mooring is reached directly, a WebSocket (which the HTTP client carries through
     * the proxy) when a proxy is in the way.
     */
    dev.mooring.tunnel.Tunnel dialTunnel(AgentIdentity identity, String instance,
            dev.mooring.tunnel.Multiplexer.Acceptor acceptor, dev.mooring.tunnel.WebSocketTunnelClient.Options options)
            throws IOException, InterruptedException {
        URI uri = URI.create(settings.clusterPath() + "/tunnel");
        Map<String, String> headers = Map.of("Authorization", authorization(identity), "X-Mooring-Agent-Instance",
                instance);
        boolean proxied = http.proxy().map(selector -> selector.select(uri).stream()
                .anyMatch(proxy -> proxy.type() != Proxy.Type.DIRECT)).orElse(false);
        if (!proxied) {
            return dev.mooring.tunnel.StreamTunnelClient.dial(uri, headers, http.sslContext(), acceptor, options);
        }
        return dev.mooring.tunnel.WebSocketTunnelClient.dial(http, URI.create(uri.toString().replaceFirst("^http", "ws")),
                headers, acceptor, options);
    }

    /**
     * For the simulator: signs {@code count} single-use tokens ahead, so that a benchmark charges the signing to
     * the thousands of machines a real fleet runs on rather than to the CPU Mooring shares with the simulator.
     */
    void presign(AgentIdentity identity, int count, Duration lifetime) {
        presigned.clear(); // what an earlier batch left over may have expired by now
        for (int i = 0; i < count; i++) {
            presigned.add(Tokens.call(identity, settings.audience(), lifetime));
        }
    }

    String authorization(AgentIdentity identity) {
        String ahead = presigned.poll();
        if (ahead != null) {
            return ahead;
        }
        CallToken token = callToken;
        Instant now = Instant.now();
        if (!reuseTokens || token == null || token.identity() != identity || now.isAfter(token.renewAt())) {
            token = new CallToken(identity, Tokens.call(identity, settings.audience()), now.plus(CALL_TOKEN_REUSE));
            callToken = token;
        }
        return token.header();
    }

    private Answer send(String method, String path, AgentIdentity identity, Object body, String ifNoneMatch,
            Duration timeout) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.clusterPath() + path)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (identity != null) {
                request.header("Authorization", authorization(identity));
            }
            if (ifNoneMatch != null) {
                request.header("If-None-Match", ifNoneMatch);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (identity != null) {
                identity.presented = response.statusCode() != 401;
                if (!identity.presented) {
                    callToken = null; // the next call signs afresh, carrying the certificate whole
                }
            }
            if (response.statusCode() == 410) {
                throw new ClusterDeleted();
            }
            if (response.statusCode() >= 400) {
                throw new CallFailed(response.statusCode(), method + " " + path + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            JsonNode json = response.body().length == 0 ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new CallFailed("Cannot reach Mooring at " + settings.clusterPath() + path + ": " + Failures.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("Interrupted while calling Mooring");
        }
    }

    /** {@code HTTPS_PROXY}/{@code HTTP_PROXY} for everything but the {@code NO_PROXY} hosts and suffixes. */
    static ProxySelector proxySelector(AgentSettings settings) {
        String proxy = settings.dataPlaneUrl().startsWith("https") ? settings.httpsProxy() : settings.httpProxy();
        if (proxy == null) {
            return null;
        }
        URI proxyUri = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
        List<String> bypass = settings.noProxy() == null ? List.of()
                : Arrays.stream(settings.noProxy().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        Proxy through = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxyUri.getHost(),
                proxyUri.getPort() > 0 ? proxyUri.getPort() : 3128));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String host = uri.getHost();
                boolean direct = bypass.stream().anyMatch(rule -> rule.equals("*") || host.equalsIgnoreCase(rule)
                        || (rule.startsWith(".") && host.toLowerCase().endsWith(rule.toLowerCase()))
                        || host.toLowerCase().endsWith("." + rule.toLowerCase()));
                return List.of(direct ? Proxy.NO_PROXY : through);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // the call fails and is retried with backoff
            }
        };
    }

    /** TLS trusting the system CAs plus the configured one. */
    static SSLContext trusting(String extraCaPem) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int i = 0;
            for (var manager : defaults.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (var issuer : x509.getAcceptedIssuers()) {
                        trust.setCertificateEntry("system-" + i++, issuer);
                    }
                }
            }
            trust.setCertificateEntry("extra", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(extraCaPem.getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot trust the configured proxy certificate", e);
        }
    }
}
