package dev.mooring.agent;

import dev.mooring.tunnel.Tunnel;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * The agent's connect component: holds one tunnel to Mooring (dialled out, so the cluster needs no inbound
 * port), hands every stream Mooring opens to the {@link KubeApiForwarder}, and redials with jittered
 * exponential backoff whenever the tunnel drops.
 */
final class ClusterConnect {

    private static final Logger log = Logger.getLogger(ClusterConnect.class.getName());
    private static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A tunnel that lived this long was healthy: the next failure starts the backoff afresh. */
    private static final Duration HEALTHY = Duration.ofSeconds(60);

    private final Supplier<Tunnel> dial;
    private volatile Tunnel current;
    private volatile boolean stopped;

    ClusterConnect(Supplier<Tunnel> dial) {
        this.dial = dial;
    }

    /** How the agent reaches its own API server: fabric8's in-cluster (or kubeconfig) settings. */
    static KubeApiForwarder.ApiServer apiServer(Config config) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(SSLUtils.keyManagers(config), SSLUtils.trustManagers(config), null);
            return new KubeApiForwarder.ApiServer(URI.create(config.getMasterUrl()), tls.getSocketFactory(),
                    () -> serviceAccountToken(config));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot set up TLS to the Kubernetes API server", e);
        }
    }

    /** The projected service-account token is rotated by the kubelet: read it afresh for every request. */
    private static String serviceAccountToken(Config config) {
        try {
            if (Files.isReadable(SERVICE_ACCOUNT_TOKEN)) {
                return Files.readString(SERVICE_ACCOUNT_TOKEN, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            log.log(Level.WARNING, "Cannot read the service-account token", e);
        }
        String token = config.getAutoOAuthToken() != null ? config.getAutoOAuthToken() : config.getOauthToken();
        return token == null ? "" : token;
    }

    /** Holds the tunnel until {@link #stop()}. */
    void run() {
        int failures = 0;
        while (!stopped) {
            long started = System.nanoTime();
            try {
                current = dial.get();
                log.info("Cluster connect tunnel open");
                String reason = current.closed().join();
                log.info(() -> "Cluster connect tunnel closed: " + reason);
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "Cluster connect tunnel could not be opened: " + e.getMessage());
            }
            if (stopped) {
                return;
            }
            failures = System.nanoTime() - started > HEALTHY.toNanos() ? 1 : failures + 1;
            Duration backoff = Agent.jittered(Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(),
                    500L << Math.min(failures - 1, 10))), 30);
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether a tunnel is open now. */
    boolean connected() {
        Tunnel tunnel = current;
        return tunnel != null && tunnel.isOpen();
    }

    /** Drops the current tunnel (the loop redials). */
    void drop() {
        Tunnel tunnel = current;
        if (tunnel != null) {
            tunnel.close();
        }
    }

    void stop() {
        stopped = true;
        drop();
    }
}
