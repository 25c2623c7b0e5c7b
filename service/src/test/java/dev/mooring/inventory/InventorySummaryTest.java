package dev.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Counts grouped by one or two dimensions, fleet totals, the timeline and the Prometheus gauges. */
class InventorySummaryTest extends InventoryTestBase {

    @Autowired
    InventoryMetrics metrics;

    @Test
    void countsByConnectivityStatusAndLocationWithTotals() {
        Tenant t = readyTenant("rg");
        String admin = admin();
        Instant now = Instant.now();
        UUID a = insert(t, "rg", "a", "westeurope");
        UUID b = insert(t, "rg", "b", "westeurope");
        UUID c = insert(t, "rg", "c", "eastus");
        insert(t, "rg", "d", "eastus");
        report(a, "1.14.0", "1.28.1", 3);
        report(b, "1.14.0", "1.27.0", 2);
        report(c, "1.11.0", "1.28.1", 5);
        heartbeat(a, now);
        heartbeat(b, now.minus(Duration.ofDays(1)));
        heartbeat(c, now);
        jdbc.update("update connected_clusters set tags = '{\"env\":\"prod\"}'::jsonb where id in (?, ?)", a, c);
        String summary = INVENTORY + "/summary?subscriptionId=" + t.subscriptionId();

        JsonPath totals = as(admin).get(summary).then().statusCode(200).extract().jsonPath();
        assertThat(totals.getLong("totals.clusters")).isEqualTo(4);
        assertThat(totals.getLong("totals.nodes")).isEqualTo(10);
        assertThat(totals.getLong("totals.cores")).isEqualTo(40);
        assertThat(totals.getString("asOf")).isNotNull();
        assertThat(totals.getList("groups")).isNull();

        JsonPath grouped = as(admin).get(summary + "&groupBy=connectivityStatus,location").then().statusCode(200)
                .extract().jsonPath();
        assertThat(grouped.getList("groupBy")).containsExactly("connectivityStatus", "location");
        assertThat(grouped.getLong("totals.clusters")).isEqualTo(4);
        assertThat(groups(grouped)).containsExactlyInAnyOrder(
                "Connected/westeurope=1/3", "Offline/westeurope=1/2", "Connected/eastus=1/5", "Connecting/eastus=1/0");

        assertThat(groups(as(admin).get(summary + "&groupBy=tag:env").then().statusCode(200).extract().jsonPath()))
                .containsExactlyInAnyOrder("prod=2/8", "null=2/2");
        assertThat(groups(as(admin).get(summary + "&groupBy=agentVersion&groupBy=location&agentVersion=outdated")
                .then().statusCode(200).extract().jsonPath())).containsExactly("1.11.0/eastus=1/5");
        JsonPath filtered = as(admin).get(summary + "&kubernetesVersion=>=1.28&groupBy=kubernetesVersion").then()
                .statusCode(200).extract().jsonPath();
        assertThat(filtered.getLong("totals.clusters")).isEqualTo(2);
        assertThat(groups(filtered)).containsExactly("1.28.1=2/8");
        for (String dimension : List.of("subscriptionId", "resourceGroup", "provisioningState", "distribution",
                "infrastructure")) {
            assertThat(as(admin).get(summary + "&groupBy=" + dimension).then().statusCode(200).extract().jsonPath()
                    .getList("groups")).as(dimension).isNotEmpty();
        }

        badRequest(admin, summary + "&groupBy=colour", "InvalidParameter");
        badRequest(admin, summary + "&groupBy=location,distribution,infrastructure", "InvalidParameter");
        badRequest(admin, summary + "&groupBy=location,location", "InvalidParameter");
        badRequest(admin, summary + "&orderBy=name", "InvalidParameter");
    }

    /** "key1/key2=clusters/nodes" for each group. */
    private static List<String> groups(JsonPath summary) {
        List<Map<String, Object>> groups = summary.getList("groups");
        return groups.stream().map(g -> String.join("/", ((Map<String, String>) g.get("keys")).values().stream()
                .map(String::valueOf).toList()) + "=" + g.get("clusters") + "/" + g.get("nodes")).toList();
    }

    @Test
    void theTimelineShowsTransitionsAndMetadataChangesNewestFirst() {
        Tenant t = readyTenant("rg");
        UUID id = connect(t, "rg", "timed", "eastus", "{}", "k3s", "generic");
        report(id, "1.13.0", "1.28.0", 1);
        clock.advance(Duration.ofMinutes(1));
        jdbc.update("insert into cluster_events (cluster_id, at, kind, details) values (?, ?,"
                + " 'ConnectivityChanged', '{\"from\":\"Connecting\",\"to\":\"Connected\"}'::jsonb)", id,
                java.sql.Timestamp.from(clock.instant().plusSeconds(1)));
        report(id, "1.14.0", "1.28.0", 1);
        String timeline = INVENTORY + "/clusters/" + t.subscriptionId() + "/RG/Timed/timeline";

        JsonPath all = as(t.owner()).get(timeline).then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("value.kind")).containsExactly("ConnectivityChanged", "MetadataChanged", "MetadataChanged");
        assertThat(all.getString("value[0].details.to")).isEqualTo("Connected");
        assertThat(all.getString("value[1].details.agentVersion")).isEqualTo("1.14.0");
        assertThat(all.getString("value[2].details.agentVersion")).isEqualTo("1.13.0");

        JsonPath first = as(t.owner()).get(timeline + "?$top=2").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("value.kind")).containsExactly("ConnectivityChanged", "MetadataChanged");
        as(t.owner()).urlEncodingEnabled(false).get(first.getString("nextLink")).then().statusCode(200)
                .body("value.details.agentVersion", org.hamcrest.Matchers.contains("1.13.0"))
                .body("nextLink", org.hamcrest.Matchers.nullValue());
        assertThat(as(t.owner()).get(timeline + "?since=" + clock.instant().minusSeconds(30)).then().statusCode(200)
                .extract().jsonPath().getList("value.kind")).containsExactly("ConnectivityChanged", "MetadataChanged");

        as(t.owner()).get(INVENTORY + "/clusters/" + t.subscriptionId() + "/rg/nothing/timeline").then().statusCode(404)
                .body("error.code", org.hamcrest.Matchers.equalTo("ResourceNotFound"));
        as(t.owner()).get(INVENTORY + "/clusters/not-a-guid/rg/timed/timeline").then().statusCode(404);
        badRequest(t.owner(), timeline + "?since=yesterday", "InvalidParameter");
        badRequest(t.owner(), timeline + "?colour=red", "InvalidParameter");
        badRequest(t.owner(), timeline + "?$skipToken=garbage", "InvalidSkipToken");
    }

    @Test
    void gaugesCountClustersByStatusAndLocationAndAgentsByVersion() {
        Tenant t = readyTenant("rg");
        UUID id = insert(t, "rg", "gauged", "uksouth");
        report(id, "9.99.1", "1.28.0", 1);
        heartbeat(id, Instant.now());
        metrics.refresh();
        String scrape = as(admin()).get("/actuator/prometheus").then().statusCode(200).extract().asString();
        assertThat(scrape).containsPattern("mooring_inventory_clusters\\{connectivity_status=\"Connected\",location=\"uksouth\"\\} [1-9]");
        assertThat(scrape).containsPattern("mooring_inventory_agents\\{version=\"9.99.1\"\\} [1-9]");
        as(t.owner()).get("/actuator/prometheus").then().statusCode(403);
        as(admin()).get("/actuator/prometheus").then().body(containsString("mooring_inventory_clusters"));
    }
}
