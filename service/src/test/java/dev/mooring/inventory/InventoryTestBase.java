package dev.mooring.inventory;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.arm.CallerIdentity;
import dev.mooring.clusters.ClusterDirectory;
import dev.mooring.testing.ServiceTest;
import io.restassured.response.Response;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Base for inventory tests: clusters made through ARM, agent reports through the clusters feature's own
 * entry points, heartbeats as the data plane's flush writes them (backdated where a test needs the past).
 */
@TestPropertySource(properties = "mooring.inventory.newest-agent-version=1.14.2")
abstract class InventoryTestBase extends ServiceTest {

    static final String INVENTORY = "/inventory/v1";
    private static final String ONBOARDING_KEY = onboardingKey();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ClusterDirectory clusters;

    /** A platform administrator of some other tenant: sees the whole fleet. */
    static String admin() {
        return idp.user(UUID.randomUUID().toString(), UUID.randomUUID().toString())
                .roles(CallerIdentity.PLATFORM_ADMIN).sign();
    }

    /** A tenant with resource groups {@code groups} and Microsoft.Kubernetes registered. */
    Tenant readyTenant(String... groups) {
        Tenant t = newTenant();
        for (String group : groups) {
            as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                    .put(t.subscriptionPath() + "/resourcegroups/" + group + "?api-version=2021-04-01").then()
                    .statusCode(201);
        }
        registerProvider(t, "Microsoft.Kubernetes");
        return t;
    }

    /** Connects a cluster through ARM (as az connectedk8s connect does); answers its internal id. */
    UUID connect(Tenant t, String group, String name, String location, String tagsJson, String distribution,
            String infrastructure) {
        as(t.owner()).contentType("application/json").body("{\"location\":\"" + location + "\",\"identity\":{\"type\":"
                        + "\"SystemAssigned\"},\"tags\":" + tagsJson + ",\"properties\":{\"agentPublicKeyCertificate\":\""
                        + ONBOARDING_KEY + "\",\"distribution\":\"" + distribution + "\",\"infrastructure\":\""
                        + infrastructure + "\"}}")
                .put(armPath(t, group, name)).then().statusCode(201);
        return clusters.find(t.subscriptionId(), group, name).orElseThrow().id();
    }

    /** A cluster row written straight to the table (for fleets too large to make through ARM quickly). */
    UUID insert(Tenant t, String group, String name, String location) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into connected_clusters (subscription_id, resource_group_key, name_key, id,"
                + " resource_group_name, name, location, identity_type, agent_public_key, provisioning_state, etag,"
                + " created_at, created_by, created_by_type, last_modified_at, last_modified_by, last_modified_by_type)"
                + " values (?, lower(?), lower(?), ?, ?, ?, ?, 'SystemAssigned', 'key', 'Succeeded', 'etag', now(),"
                + " 'test', 'User', now(), 'test', 'User')", t.subscriptionId(), group, name, id, group, name, location);
        return id;
    }

    static String armPath(Tenant t, String group, String name) {
        return t.subscriptionPath() + "/resourceGroups/" + group + "/providers/Microsoft.Kubernetes/connectedClusters/"
                + name + "?api-version=2024-01-01";
    }

    /** What the cluster's agent reports (the data plane's change-only write, with its MetadataChanged event). */
    void report(UUID cluster, String agentVersion, String kubernetesVersion, int nodes) {
        clusters.recordAgentReport(cluster, new ClusterDirectory.AgentReport(agentVersion, kubernetesVersion, nodes,
                nodes * 4, "k3s"));
    }

    /** The heartbeat flush's upsert, at {@code seen}. */
    void heartbeat(UUID cluster, Instant seen) {
        jdbc.update("""
                insert into cluster_heartbeats (cluster_id, last_seen, agent_clock) values (?, ?, ?)
                on conflict (cluster_id) do update set last_seen = excluded.last_seen, agent_clock = excluded.agent_clock""",
                cluster, java.sql.Timestamp.from(seen), java.sql.Timestamp.from(seen));
    }

    void identityExpires(UUID cluster, Instant notAfter) {
        clusters.recordIdentityCertificate(cluster, notAfter);
    }

    /** Waits until the creation operations of the tenant's clusters have finished (Accepted → Succeeded). */
    void awaitProvisioned(Tenant t) {
        eventually(() -> assertThat(jdbc.queryForObject("select count(*) from connected_clusters where"
                + " subscription_id = ? and provisioning_state = 'Accepted'", Long.class, t.subscriptionId()))
                .as("clusters still Accepted").isZero());
    }

    Response list(String token, String query) {
        return as(token).get(INVENTORY + "/clusters" + (query.isEmpty() ? "" : "?" + query));
    }

    List<String> names(String token, String query) {
        Response response = list(token, query);
        response.then().statusCode(200);
        return response.path("value.name");
    }

    void badRequest(String token, String path, String code) {
        as(token).get(path).then().statusCode(400).body("error.code", equalTo(code));
    }

    private static String onboardingKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Base64.getEncoder().encodeToString(SubjectPublicKeyInfo.getInstance(generator.generateKeyPair()
                    .getPublic().getEncoded()).parsePublicKey().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A role assignment made through ARM, as an owner would; answers its URL. */
    String grant(Tenant t, String scopeUnderSubscription, UUID role, UUID principal) {
        String url = t.subscriptionPath() + scopeUnderSubscription + "/providers/Microsoft.Authorization/roleAssignments/"
                + UUID.randomUUID() + "?api-version=2022-04-01";
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"roleDefinitionId\":\"" + role
                + "\",\"principalId\":\"" + principal + "\"}}").put(url).then().statusCode(201);
        return url;
    }
}
