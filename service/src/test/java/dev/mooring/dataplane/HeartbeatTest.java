package dev.mooring.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Heartbeats reach ARM as lastConnectivityTime and connectivityStatus; metadata is written only on change. */
class HeartbeatTest extends AgentTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HeartbeatBuffer buffer;

    @Test
    void aHeartbeatMakesTheClusterConnectedAndShowsItsMetadata() {
        Onboarded c = onboarded("beating");
        as(c.tenant().owner()).get(c.resourceId() + "?api-version=2024-01-01").then()
                .body("properties.connectivityStatus", equalTo("Connecting"));
        heartbeat(c, "1.30.2", 3).then().statusCode(200)
                .body("nextHeartbeatSeconds", equalTo(300))
                .body("jitterPercent", equalTo(25))
                .body("configurationVersion", equalTo("\"0\""));
        buffer.flush();
        as(c.tenant().owner()).get(c.resourceId() + "?api-version=2021-03-01").then().statusCode(200)
                .body("properties.connectivityStatus", equalTo("Connected"))
                .body("properties.kubernetesVersion", equalTo("1.30.2"))
                .body("properties.totalNodeCount", equalTo(3))
                .body("properties.totalCoreCount", equalTo(12))
                .body("properties.agentVersion", equalTo("0.1.0"))
                .body("properties.offering", equalTo("k3s"))
                .body("properties.lastConnectivityTime", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void metadataIsWrittenOnlyWhenItChanges() {
        Onboarded c = onboarded("steady");
        for (int i = 0; i < 3; i++) {
            heartbeat(c, "1.30.2", 3).then().statusCode(200);
        }
        assertThat(events(c, "MetadataChanged")).isEqualTo(1);
        heartbeat(c, "1.31.0", 3).then().statusCode(200);
        assertThat(events(c, "MetadataChanged")).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from agent_components a join connected_clusters c on c.id = a.cluster_id"
                + " where c.subscription_id = ?", Integer.class, c.tenant().subscriptionId())).isEqualTo(1);
    }

    @Test
    void aSilentClusterReadsOfflineAndAnExpiredIdentityExpired() {
        Onboarded c = onboarded("silent");
        heartbeat(c, "1.30.2", 1).then().statusCode(200);
        buffer.flush();
        jdbc.update("update cluster_heartbeats set last_seen = now() - interval '20 minutes' where cluster_id ="
                + " (select id from connected_clusters where subscription_id = ?)", c.tenant().subscriptionId());
        as(c.tenant().owner()).get(c.resourceId() + "?api-version=2024-01-01").then()
                .body("properties.connectivityStatus", equalTo("Offline"));
        jdbc.update("update connected_clusters set managed_identity_certificate_expiration_time = now() - interval '1 day'"
                + " where subscription_id = ?", c.tenant().subscriptionId());
        as(c.tenant().owner()).get(c.resourceId() + "?api-version=2024-01-01").then()
                .body("properties.connectivityStatus", equalTo("Expired"));
    }

    @Test
    void theFlushIsOneStatementForManyClustersAndSkipsDeletedOnes() {
        Onboarded a = onboarded("batch-a");
        Onboarded b = onboarded("batch-b");
        // The scheduled flush (its own thread, every second) may take a beat between the calls: then try again.
        dev.mooring.testing.Eventually.eventually(() -> {
            buffer.flush();
            heartbeat(a, "1.30.2", 1).then().statusCode(200);
            heartbeat(b, "1.30.2", 1).then().statusCode(200);
            buffer.beat(java.util.UUID.randomUUID(), Instant.now(), null);   // a cluster deleted since its beat
            assertThat(buffer.flush()).isEqualTo(2);
        });
        assertThat(buffer.flush()).isZero();
    }

    private int events(Onboarded c, String kind) {
        return jdbc.queryForObject("select count(*) from cluster_events e join connected_clusters c on c.id = e.cluster_id"
                + " where c.subscription_id = ? and e.kind = ?", Integer.class, c.tenant().subscriptionId(), kind);
    }

}
