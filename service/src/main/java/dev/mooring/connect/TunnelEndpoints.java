package dev.mooring.connect;

import dev.mooring.dataplane.AgentCallers;
import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmErrorWriter;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.tunnel.Multiplexer;
import dev.mooring.tunnel.ProxyRequest;
import dev.mooring.tunnel.Resets;
import dev.mooring.tunnel.StreamTunnel;
import dev.mooring.tunnel.TunnelStream;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where tunnels are dialled: agents at their region's data plane ({@code .../tunnel}, authenticated like every
 * agent call), other replicas at {@value PeerLinks#PATH} (with a peer token). Both carry a {@link Multiplexer}:
 * agents over a plain upgraded stream ({@link StreamTunnel}) or, as before it, a WebSocket; peers over a WebSocket.
 */
@RestController
class TunnelEndpoints {

    static final String AGENT_TUNNEL = "/dataplane/{region}/v1/clusters/{subscriptionId}/{resourceGroupName}/{clusterName}/tunnel";
    /** Agents name their replica (pod) in this header; several replicas of one cluster each hold a tunnel. */
    static final String AGENT_INSTANCE_HEADER = "X-Mooring-Agent-Instance";

    private final AgentCallers agents;
    private final TunnelRouter router;
    private final ConnectTokens tokens;
    private final ConnectProperties properties;
    private final ArmErrorWriter errors;
    private final Clock clock;

    TunnelEndpoints(AgentCallers agents, TunnelRouter router, ConnectTokens tokens, ConnectProperties properties,
            ArmErrorWriter errors, Clock clock) {
        this.agents = agents;
        this.router = router;
        this.tokens = tokens;
        this.properties = properties;
        this.errors = errors;
        this.clock = clock;
    }

    @GetMapping(AGENT_TUNNEL)
    void agentTunnel(@PathVariable String region, @PathVariable String subscriptionId,
            @PathVariable String resourceGroupName, @PathVariable String clusterName, HttpServletRequest request,
            HttpServletResponse response) throws IOException, ServletException {
        AgentCallers.Identity identity = agents.identify(request, region, subscriptionId, resourceGroupName, clusterName);
        ClusterReference cluster = identity.cluster();
        String instance = Optional.ofNullable(request.getHeader(AGENT_INSTANCE_HEADER))
                .filter(value -> value.length() <= 253).orElse("default");
        AtomicReference<TunnelRouter.AgentTunnel> registered = new AtomicReference<>();
        Function<Multiplexer.Transport, Multiplexer> multiplexers = transport -> new Multiplexer(transport, true, null,
                Multiplexer.DEFAULT_WINDOW, properties.maxStreamsPerCluster());
        Consumer<HeldTunnel> opened = held -> {
            TunnelRouter.AgentTunnel agentTunnel = new TunnelRouter.AgentTunnel(UUID.randomUUID(), cluster.id(),
                    instance, identity.certificateSerial(), held, clock.instant());
            registered.set(agentTunnel);
            router.register(agentTunnel);
        };
        Consumer<HeldTunnel> closed = held -> {
            if (registered.get() != null) {
                router.unregister(registered.get());
            }
        };
        if (StreamTunnel.PROTOCOL.equalsIgnoreCase(request.getHeader("Upgrade"))) {
            response.setHeader("Upgrade", StreamTunnel.PROTOCOL);
            response.setHeader("Connection", "Upgrade");
            request.upgrade(StreamTunnelUpgrade.class).attach(multiplexers, opened, closed);
            return;
        }
        if (!isWebSocket(request, response)) {
            return;
        }
        ServerTunnel tunnel = new ServerTunnel(multiplexers, opened::accept, closed::accept);
        upgrade(request, response, tunnel);
    }

    @GetMapping(PeerLinks.PATH)
    void peerTunnel(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String header = request.getHeader("Authorization");
        try {
            if (header == null || !header.startsWith(PeerLinks.SCHEME)) {
                throw new ConnectTokens.Refused("AuthenticationFailed", "Peer links need a peer token.");
            }
            tokens.verifyPeer(header.substring(PeerLinks.SCHEME.length()));
        } catch (ConnectTokens.Refused refused) {
            errors.write(response, HttpStatus.UNAUTHORIZED, new ArmError(refused.code, refused.getMessage()));
            return;
        }
        if (!isWebSocket(request, response)) {
            return;
        }
        Duration headTimeout = properties.dialTimeout().plusMinutes(5);
        ServerTunnel tunnel = new ServerTunnel(
                transport -> new Multiplexer(transport, false, (stream, open) -> forward(stream, open, headTimeout),
                        Multiplexer.DEFAULT_WINDOW, 100_000),
                router::registerPeer, router::unregisterPeer);
        upgrade(request, response, tunnel);
    }

    private void forward(TunnelStream fromPeer, byte[] open, Duration headTimeout) {
        ProxyRequest request = ProxyRequest.decode(open);
        Optional<TunnelStream> toAgent;
        try {
            toAgent = router.openLocal(UUID.fromString(request.cluster()), request);
        } catch (TunnelRouter.TooManyStreams e) {
            fromPeer.reset(Resets.TOO_MANY_STREAMS);
            return;
        } catch (IOException e) {
            fromPeer.reset(Resets.TUNNEL_CLOSED);
            return;
        }
        if (toAgent.isEmpty()) {
            fromPeer.reset(Resets.TUNNEL_CLOSED);
            return;
        }
        StreamBridge.join(fromPeer, toAgent.get(), headTimeout);
    }

    private boolean isWebSocket(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            return true;
        }
        errors.write(response, HttpStatus.UPGRADE_REQUIRED, new ArmError("UpgradeRequired",
                "Tunnels are upgraded connections: send 'Upgrade: " + StreamTunnel.PROTOCOL + "' (agents) or"
                        + " 'Upgrade: websocket'."));
        return false;
    }

    private static void upgrade(HttpServletRequest request, HttpServletResponse response, ServerTunnel tunnel)
            throws IOException, ServletException {
        ServerContainer container = (ServerContainer) request.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ServerTunnel.class, "/tunnel")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(tunnel);
                    }
                })
                .build();
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (DeploymentException e) {
            throw new ServletException(e);
        }
    }
}
