package dev.mooring.notifications;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.testing.ServiceTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Base for notification tests: a tenant with a resource group, both providers registered, clusters and webhooks. */
abstract class NotificationTestBase extends ServiceTest {

    static final String API = "?api-version=2022-06-15";
    static final String SUFFIX = "/providers/Microsoft.EventGrid/eventSubscriptions/";
    private static final String KEY = key();

    @Autowired
    JdbcTemplate jdbc;

    Tenant readyTenant() {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(t, "Microsoft.Kubernetes");
        registerProvider(t, "Microsoft.EventGrid");
        return t;
    }

    static String clusterId(Tenant t, String name) {
        return t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/" + name;
    }

    /** Creates a connected cluster, waits until it is provisioned, returns its internal id. */
    UUID createCluster(Tenant t, String name) {
        String url = clusterId(t, name) + "?api-version=2024-01-01";
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\",\"identity\":{\"type\":\"None\"},"
                + "\"properties\":{\"agentPublicKeyCertificate\":\"" + KEY + "\"}}").put(url).then().statusCode(201);
        awaitProvisioned(t.owner(), url);
        return jdbc.queryForObject("select id from connected_clusters where subscription_id = ? and name = ?",
                UUID.class, t.subscriptionId(), name);
    }

    /** A webhook subscription body with these extra properties (JSON members, may be empty). */
    static String webhook(String url, String extraProperties) {
        return "{\"properties\":{\"destination\":{\"endpointType\":\"WebHook\",\"properties\":{\"endpointUrl\":\"" + url
                + "\"}}" + (extraProperties.isEmpty() ? "" : "," + extraProperties) + "}}";
    }

    static String webhook(String url, int maxEventsPerBatch, String extraProperties) {
        return "{\"properties\":{\"destination\":{\"endpointType\":\"WebHook\",\"properties\":{\"endpointUrl\":\"" + url
                + "\",\"maxEventsPerBatch\":" + maxEventsPerBatch + "}}"
                + (extraProperties.isEmpty() ? "" : "," + extraProperties) + "}}";
    }

    /** PUTs the subscription (expecting 201) and returns its signing secret. */
    String subscribe(Tenant t, String scope, String name, String body) {
        as(t.owner()).contentType("application/json").body(body).put(scope + SUFFIX + name + API).then().statusCode(201);
        return as(t.owner()).post(scope + SUFFIX + name + "/listSecret" + API).then().statusCode(200)
                .extract().path("signingSecret");
    }

    UUID subscriptionId(String scope, String name) {
        return jdbc.queryForObject("select id from event_subscriptions where scope_key = lower(?) and name_key = lower(?)",
                UUID.class, scope, name);
    }

    /** Waits until nothing due is left for this subject and nothing queued for this subscription. */
    void awaitQuiet(String subject, UUID subscription) {
        eventually(() -> {
            assertThat(jdbc.queryForObject("select count(*) from notification_events where subject_key = lower(?)"
                    + " and first_at <= ?", Long.class, subject,
                    java.sql.Timestamp.from(clock.instant().minus(java.time.Duration.ofMinutes(2))))).isZero();
            assertThat(jdbc.queryForObject("select count(*) from notification_deliveries"
                    + " where event_subscription_id = ? and dead_lettered_at is null", Long.class, subscription)).isZero();
        });
    }

    static void assertSigned(List<WebhookReceiver.Received> received, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (WebhookReceiver.Received r : received) {
            assertThat(r.signature()).isEqualTo("sha256=" + HexFormat.of().formatHex(
                    mac.doFinal(r.body().getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    Notifications notifications;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    /** Runs the connectivity sweep now (it is the clusters feature's own job; tests drive it with the clock). */
    void sweep() {
        try {
            Object sweep = context.getBean("connectivitySweep");
            java.lang.reflect.Method run = sweep.getClass().getMethod("sweep");
            run.setAccessible(true);
            run.invoke(sweep);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    void heartbeat(UUID cluster) {
        jdbc.update("insert into cluster_heartbeats (cluster_id, last_seen) values (?, ?) on conflict (cluster_id)"
                + " do update set last_seen = excluded.last_seen", cluster, java.sql.Timestamp.from(clock.instant()));
    }

    /** Records a fact as a feature would, in a transaction of its own, not debounced. */
    void record(Tenant t, String subject, String type, String after) {
        transaction.executeWithoutResult(status -> notifications.record(t.subscriptionId(), subject, type, null,
                java.util.Map.of("value", after), false));
    }

    private static String key() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
