package dev.mooring.connect;

import dev.mooring.dataplane.AgentCallers;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends agent tunnels whose identity stopped being valid: the certificate that opened the tunnel was revoked
 * (re-onboarding), expired, or went with its deleted cluster. Every replica checks its own tunnels against
 * PostgreSQL every {@code mooring.connect.identity-check} (5 s by default), one query for all of them, so a
 * revocation takes effect everywhere within seconds. Closing a tunnel resets its streams, including those
 * bridged from other replicas.
 */
@Component
class TunnelRevocation {

    private static final Logger log = LoggerFactory.getLogger(TunnelRevocation.class);

    private final TunnelRouter router;
    private final AgentCallers agents;

    TunnelRevocation(TunnelRouter router, AgentCallers agents) {
        this.router = router;
        this.agents = agents;
    }

    @Scheduled(fixedDelayString = "${mooring.connect.identity-check:5s}")
    void closeRevoked() {
        List<TunnelRouter.AgentTunnel> tunnels = router.tunnels();
        if (tunnels.isEmpty()) {
            return;
        }
        Set<String> invalid = agents.noLongerValid(tunnels.stream().map(TunnelRouter.AgentTunnel::certificateSerial)
                .distinct().toList());
        for (TunnelRouter.AgentTunnel tunnel : tunnels) {
            if (invalid.contains(tunnel.certificateSerial())) {
                log.info("Closing agent tunnel {} of cluster {}: its certificate {} is revoked, expired or deleted",
                        tunnel.id(), tunnel.cluster(), tunnel.certificateSerial());
                tunnel.multiplexer().close("Agent identity no longer valid");
            }
        }
    }
}
