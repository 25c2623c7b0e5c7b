package dev.mooring.dataplane;

import dev.mooring.clusters.ConnectivityPolicy;
import dev.mooring.configurations.ConfigurationDelivery;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * What a heartbeat does, whichever way it came in (the lean path or Spring MVC): the beat goes to the buffer, the
 * report to {@link AgentReports}, and the answer carries the cadence and the cluster's configuration version.
 */
@Component
class HeartbeatIntake {

    private final ConnectivityPolicy connectivity;
    private final HeartbeatBuffer heartbeats;
    private final AgentReports reports;
    private final ConfigurationDelivery delivery;
    private final Clock clock;

    HeartbeatIntake(ConnectivityPolicy connectivity, HeartbeatBuffer heartbeats, AgentReports reports,
            ConfigurationDelivery delivery, Clock clock) {
        this.connectivity = connectivity;
        this.heartbeats = heartbeats;
        this.reports = reports;
        this.delivery = delivery;
        this.clock = clock;
    }

    DataPlaneController.HeartbeatAnswer receive(AgentPrincipal agent, DataPlaneController.Heartbeat beat) {
        Instant now = clock.instant();
        heartbeats.beat(agent.cluster().id(), now, beat == null ? null : beat.agentTime());
        if (beat != null) {
            reports.record(agent.cluster().id(), new AgentReports.Report(beat.agentVersion(), beat.kubernetesVersion(),
                    beat.totalNodeCount(), beat.totalCoreCount(), beat.offering(), beat.components()), now);
        }
        return new DataPlaneController.HeartbeatAnswer(connectivity.heartbeatInterval().toSeconds(),
                connectivity.jitterPercent(), delivery.version(agent.cluster().id()));
    }
}
