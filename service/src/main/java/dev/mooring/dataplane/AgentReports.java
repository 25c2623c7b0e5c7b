package dev.mooring.dataplane;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mooring.clusters.ClusterDirectory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What agents report about their clusters (versions, sizes, component health), written only when it
 * changes: each replica remembers a fingerprint of the last report per cluster, so an unchanged beat costs
 * no write at all; a changed one is one conditional UPDATE (with its MetadataChanged event).
 */
@Component
class AgentReports {

    record ComponentHealth(String name, Integer readyReplicas, Integer desiredReplicas, String message) {
    }

    record Report(String agentVersion, String kubernetesVersion, Integer totalNodeCount, Integer totalCoreCount,
            String offering, List<ComponentHealth> components) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClusterDirectory clusters;
    private final JdbcTemplate jdbc;
    private final Cache<UUID, Integer> lastReport = Caffeine.newBuilder()
            .maximumSize(2_000_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    AgentReports(ClusterDirectory clusters, JdbcTemplate jdbc) {
        this.clusters = clusters;
        this.jdbc = jdbc;
    }

    void record(UUID clusterId, Report report, Instant now) {
        int fingerprint = Objects.hash(report.agentVersion(), report.kubernetesVersion(), report.totalNodeCount(),
                report.totalCoreCount(), report.offering(), report.components());
        Integer previous = lastReport.getIfPresent(clusterId);
        if (previous != null && previous == fingerprint) {
            return;
        }
        clusters.recordAgentReport(clusterId, new ClusterDirectory.AgentReport(report.agentVersion(),
                report.kubernetesVersion(), report.totalNodeCount(), report.totalCoreCount(), report.offering()));
        if (report.components() != null) {
            jdbc.update("""
                    insert into agent_components (cluster_id, components, reported_at) values (?, ?::jsonb, ?)
                    on conflict (cluster_id) do update set components = excluded.components, reported_at = excluded.reported_at
                     where agent_components.components <> excluded.components""",
                    clusterId, JSON.writeValueAsString(report.components()), Timestamp.from(now));
        }
        lastReport.put(clusterId, fingerprint);
    }

    void forget(UUID clusterId) {
        lastReport.invalidate(clusterId);
    }
}
