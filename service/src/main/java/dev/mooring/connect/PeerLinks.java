package dev.mooring.connect;

import dev.mooring.tunnel.Multiplexer;
import dev.mooring.tunnel.ProxyRequest;
import dev.mooring.tunnel.TunnelStream;
import dev.mooring.tunnel.WebSocketTunnelClient;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * This replica's links to the other replicas, one tunnel each, dialled on first use: a user request that
 * lands here for a cluster whose agent holds its tunnel elsewhere rides one of them to the owner.
 */
@Component
class PeerLinks {

    static final String PATH = "/internal/connect/peer";
    static final String SCHEME = "MooringPeer ";

    /** The owner replica could not be reached. */
    static final class Unreachable extends IOException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ConnectTokens tokens;
    private final ConnectProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, WebSocketTunnelClient> links = new ConcurrentHashMap<>();

    PeerLinks(ConnectTokens tokens, ConnectProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    TunnelStream open(String peerUrl, ProxyRequest request) throws IOException {
        return link(peerUrl).multiplexer().open(request.encode());
    }

    private WebSocketTunnelClient link(String peerUrl) throws Unreachable {
        WebSocketTunnelClient link = links.get(peerUrl);
        if (link != null && link.isOpen()) {
            return link;
        }
        synchronized (this) {
            link = links.get(peerUrl);
            if (link != null && link.isOpen()) {
                return link;
            }
            try {
                URI uri = URI.create(peerUrl.replaceFirst("^http", "ws") + PATH);
                link = WebSocketTunnelClient.dial(http, uri, Map.of("Authorization", SCHEME + tokens.peerToken()), null,
                        new WebSocketTunnelClient.Options(Duration.ofSeconds(5), properties.keepAlive(),
                                properties.deadAfter(), Multiplexer.DEFAULT_WINDOW, 100_000));
            } catch (IOException e) {
                throw new Unreachable("Peer " + peerUrl + " unreachable", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unreachable("Interrupted", e);
            }
            links.put(peerUrl, link);
            return link;
        }
    }

    @PreDestroy
    void close() {
        links.values().forEach(WebSocketTunnelClient::close);
    }
}
