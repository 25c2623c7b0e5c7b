package dev.mooring.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.testing.ServiceTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The sweep records each connectivity transition once, as an event. */
class ConnectivitySweepTest extends ServiceTest {

    @Autowired
    ConnectivitySweep sweep;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void transitionsAreRecordedOnceEach() {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(t, "Microsoft.Kubernetes");
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"identity\":{\"type\":\"None\"},"
                        + "\"properties\":{\"agentPublicKeyCertificate\":\"" + OnboardingKeys.any() + "\"}}")
                .put(t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/swept"
                        + "?api-version=2024-01-01").then().statusCode(201);
        Object id = jdbc.queryForObject("select id from connected_clusters where subscription_id = ?", Object.class,
                t.subscriptionId());

        sweep.sweep();
        assertThat(transitions(id)).isEmpty();    // Connecting is where every cluster starts: no event
        jdbc.update("insert into cluster_heartbeats (cluster_id, last_seen) values (?, ?)", id,
                Timestamp.from(clock.instant()));
        sweep.sweep();
        sweep.sweep();
        clock.advance(Duration.ofHours(1));
        sweep.sweep();
        assertThat(transitions(id)).containsExactly("Connecting->Connected", "Connected->Offline");
    }

    private List<String> transitions(Object id) {
        return jdbc.queryForList("select (details->>'from') || '->' || (details->>'to') from cluster_events"
                + " where cluster_id = ? and kind = 'ConnectivityChanged' order by id", String.class, id);
    }
}
