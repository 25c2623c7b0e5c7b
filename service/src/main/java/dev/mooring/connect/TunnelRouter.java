package dev.mooring.connect;

import dev.mooring.tunnel.Multiplexer;
import dev.mooring.tunnel.ProxyRequest;
import dev.mooring.tunnel.StreamResetException;
import dev.mooring.tunnel.TunnelStream;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where each cluster's tunnels are. Tunnels held by this replica are used directly (the one carrying the
 * fewest streams); otherwise PostgreSQL says which replica holds one and the stream goes there over a peer
 * link. Each replica renews its row every keep-alive; one that stops renewing owns nothing after the lease.
 */
@Component
class TunnelRouter {

    private static final Logger log = LoggerFactory.getLogger(TunnelRouter.class);

    /** No tunnel for the cluster on any live replica. */
    static final class NoTunnel extends IOException {
        NoTunnel() {
            super("No tunnel", null);
        }
    }

    /** The cluster carries its maximum of concurrent streams. */
    static final class TooManyStreams extends IOException {
        TooManyStreams() {
            super("Too many streams", null);
        }
    }

    /** One agent's tunnel held by this replica. */
    record AgentTunnel(UUID id, UUID cluster, String agentInstance, String certificateSerial, HeldTunnel tunnel,
            Instant connectedAt) {
        Multiplexer multiplexer() {
            return tunnel.multiplexer();
        }
    }

    private final UUID replicaId = UUID.randomUUID();
    private final Map<UUID, List<AgentTunnel>> local = new ConcurrentHashMap<>();
    private final Map<UUID, ServerTunnel> peerTunnels = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final ConnectProperties properties;
    private final PeerLinks peers;
    private final Clock clock;
    private volatile String peerUrl;

    TunnelRouter(JdbcTemplate jdbc, ConnectProperties properties, PeerLinks peers, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.peers = peers;
        this.clock = clock;
    }

    @EventListener
    void webServerStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // the management server, if separate
        }
        String url = properties.peerUrl() != null ? properties.peerUrl()
                : "http://localhost:" + event.getWebServer().getPort();
        renewReplica(url);
        peerUrl = url; // set after the row exists: tunnel rows reference it
    }

    UUID replicaId() {
        return replicaId;
    }

    // ---- agent tunnels ----

    void register(AgentTunnel tunnel) {
        local.computeIfAbsent(tunnel.cluster(), k -> new CopyOnWriteArrayList<>()).add(tunnel);
        if (peerUrl == null) {
            return; // before the web server announced itself
        }
        jdbc.update("insert into connect_tunnels (tunnel_id, cluster_id, replica_id, agent_instance, connected_at)"
                        + " values (?, ?, ?, ?, ?) on conflict do nothing", tunnel.id(), tunnel.cluster(), replicaId,
                tunnel.agentInstance(), java.sql.Timestamp.from(tunnel.connectedAt()));
        log.info("Agent tunnel {} of cluster {} connected (instance {})", tunnel.id(), tunnel.cluster(),
                tunnel.agentInstance());
    }

    void unregister(AgentTunnel tunnel) {
        List<AgentTunnel> tunnels = local.get(tunnel.cluster());
        if (tunnels == null || !tunnels.remove(tunnel)) {
            return;
        }
        local.computeIfPresent(tunnel.cluster(), (k, list) -> list.isEmpty() ? null : list);
        try {
            jdbc.update("delete from connect_tunnels where tunnel_id = ?", tunnel.id());
        } catch (RuntimeException e) {
            log.warn("Could not forget agent tunnel {}; its row expires with this replica's lease", tunnel.id(), e);
        }
        log.info("Agent tunnel {} of cluster {} closed", tunnel.id(), tunnel.cluster());
    }

    /** Whether this replica holds a tunnel of the cluster (for tests and the relay's own checks). */
    boolean holdsTunnel(UUID cluster) {
        return local.containsKey(cluster);
    }

    /** Every agent tunnel this replica holds. */
    List<AgentTunnel> tunnels() {
        return local.values().stream().flatMap(List::stream).toList();
    }

    /** The tunnels of the cluster this replica holds. */
    List<AgentTunnel> tunnelsOf(UUID cluster) {
        return List.copyOf(local.getOrDefault(cluster, List.of()));
    }

    /** Opens a stream to the cluster's API server, through a local tunnel or the replica that has one. */
    TunnelStream open(UUID cluster, ProxyRequest request) throws IOException {
        Optional<TunnelStream> here = openLocal(cluster, request);
        if (here.isPresent()) {
            return here.get();
        }
        for (String owner : owners(cluster)) {
            try {
                return peers.open(owner, request);
            } catch (StreamResetException | PeerLinks.Unreachable e) {
                log.warn("Peer replica at {} did not take a stream for cluster {}: {}", owner, cluster, e.getMessage());
            }
        }
        throw new NoTunnel();
    }

    /** Opens a stream over a tunnel this replica holds, if any. */
    Optional<TunnelStream> openLocal(UUID cluster, ProxyRequest request) throws IOException {
        List<AgentTunnel> tunnels = local.get(cluster);
        if (tunnels == null) {
            return Optional.empty();
        }
        synchronized (tunnels) {
            int streams = tunnels.stream().mapToInt(t -> t.multiplexer().activeStreams()).sum();
            if (streams >= properties.maxStreamsPerCluster()) {
                throw new TooManyStreams();
            }
            for (AgentTunnel tunnel : tunnels.stream()
                    .sorted(Comparator.comparingInt(t -> t.multiplexer().activeStreams())).toList()) {
                try {
                    return Optional.of(tunnel.multiplexer().open(request.encode()));
                } catch (StreamResetException | Multiplexer.TooManyStreams e) {
                    // this tunnel is closing or full; try the next
                }
            }
        }
        return Optional.empty();
    }

    private List<String> owners(UUID cluster) {
        return jdbc.queryForList("select r.peer_url from connect_tunnels t join connect_replicas r using (replica_id)"
                        + " where t.cluster_id = ? and r.replica_id <> ? and r.seen_at > ? order by t.connected_at desc",
                String.class, cluster, replicaId, java.sql.Timestamp.from(clock.instant().minus(properties.replicaLease())))
                .stream().distinct().toList();
    }

    // ---- peer tunnels (other replicas forwarding to this one) ----

    void registerPeer(ServerTunnel tunnel) {
        peerTunnels.put(UUID.randomUUID(), tunnel);
    }

    void unregisterPeer(ServerTunnel tunnel) {
        peerTunnels.values().remove(tunnel);
    }

    // ---- liveness ----

    @Scheduled(fixedDelayString = "${mooring.connect.keep-alive:15s}")
    void keepAlive() {
        long deadAfter = properties.deadAfter().toNanos();
        local.values().forEach(tunnels -> tunnels.forEach(t -> t.tunnel().keepAlive(deadAfter)));
        peerTunnels.values().forEach(t -> t.keepAlive(deadAfter));
        if (peerUrl != null) {
            renewReplica(peerUrl);
            jdbc.update("delete from connect_replicas where seen_at < ?",
                    java.sql.Timestamp.from(clock.instant().minus(properties.replicaLease().multipliedBy(10))));
        }
    }

    private void renewReplica(String url) {
        jdbc.update("insert into connect_replicas (replica_id, peer_url, seen_at) values (?, ?, ?)"
                        + " on conflict (replica_id) do update set peer_url = excluded.peer_url, seen_at = excluded.seen_at",
                replicaId, url, java.sql.Timestamp.from(clock.instant()));
    }

    /** Closes every tunnel (agents reconnect to another replica) and gives up this replica's rows. */
    @PreDestroy
    void shutdown() {
        local.values().forEach(tunnels -> tunnels.forEach(t -> t.multiplexer().close("Mooring replica stopping")));
        peerTunnels.values().forEach(t -> t.multiplexer().close("Mooring replica stopping"));
        try {
            jdbc.update("delete from connect_replicas where replica_id = ?", replicaId);
        } catch (RuntimeException e) {
            log.debug("Could not remove this replica's row at shutdown; it expires with its lease", e);
        }
    }

    /** Streams this replica's tunnels of the cluster carry now. */
    int activeStreams(UUID cluster) {
        List<AgentTunnel> tunnels = local.get(cluster);
        return tunnels == null ? 0 : tunnels.stream().mapToInt(t -> t.multiplexer().activeStreams()).sum();
    }
}
