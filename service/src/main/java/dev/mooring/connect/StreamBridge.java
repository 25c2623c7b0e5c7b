package dev.mooring.connect;

import dev.mooring.tunnel.Resets;
import dev.mooring.tunnel.StreamResetException;
import dev.mooring.tunnel.TunnelStream;
import java.io.IOException;
import java.time.Duration;

/**
 * Joins a stream a peer replica opened to the agent-tunnel stream this replica opened for it: the head, then
 * data both ways; a reset on either side resets the other with the same reason. Blocking copies carry each
 * side's flow control through to the other.
 */
final class StreamBridge {

    private StreamBridge() {
    }

    static void join(TunnelStream peer, TunnelStream agent, Duration headTimeout) {
        Thread.ofVirtual().name("connect-bridge-up-" + peer.id()).start(() -> copy(peer, agent));
        try {
            peer.sendHead(agent.awaitHead(headTimeout));
        } catch (StreamResetException e) {
            peer.reset(e.reason());
            agent.reset(e.reason());
            return;
        } catch (IOException e) {
            peer.reset(Resets.TUNNEL_CLOSED);
            agent.reset(Resets.CANCELLED);
            return;
        }
        copy(agent, peer);
    }

    private static void copy(TunnelStream from, TunnelStream to) {
        try {
            from.input().transferTo(to.output()); // each write goes out as a frame at once
            to.output().close();
        } catch (StreamResetException e) {
            to.reset(e.reason());
            from.reset(e.reason());
        } catch (IOException e) {
            to.reset(Resets.TUNNEL_CLOSED);
            from.reset(Resets.CANCELLED);
        }
    }
}
