package dev.mooring.notifications;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** End to end with a real receiver: debounced connectivity events, signatures, retries, Retry-After, dead letters. */
class NotificationDeliveryTest extends NotificationTestBase {

    private static final Duration PAST_DEBOUNCE = Duration.ofMinutes(2).plusSeconds(1);
    private static final Duration PAST_OFFLINE = Duration.ofMinutes(16);

    @Test
    void aClusterGoingOfflineAndBackSendsExactlyTheDebouncedSignedEvents() throws Exception {
        Tenant t = readyTenant();
        UUID cluster = createCluster(t, "edge-1");
        String clusterId = clusterId(t, "edge-1");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String secret = subscribe(t, clusterId, "connectivity", webhook(receiver.url(),
                    "\"filter\":{\"includedEventTypes\":[\"Microsoft.Kubernetes.ConnectedClusterConnectivityChanged\"]}"));
            assertThat(receiver.handshakes()).containsExactly(Handshake.ORIGIN);
            UUID subscription = subscriptionId(clusterId, "connectivity");

            heartbeat(cluster);
            sweep();                                   // Connecting -> Connected, held for the debounce window
            clock.advance(PAST_DEBOUNCE);
            eventually(() -> assertThat(receiver.events()).hasSize(1));

            clock.advance(PAST_OFFLINE);
            sweep();                                   // Connected -> Offline ...
            heartbeat(cluster);
            sweep();                                   // ... and back within the window: nothing at all
            clock.advance(PAST_DEBOUNCE);
            awaitQuiet(clusterId, subscription);
            assertThat(receiver.events()).hasSize(1);

            clock.advance(PAST_OFFLINE);
            sweep();                                   // Connected -> Offline, for longer than the window
            clock.advance(PAST_DEBOUNCE);
            eventually(() -> assertThat(receiver.events()).hasSize(2));
            heartbeat(cluster);
            sweep();
            clock.advance(PAST_DEBOUNCE);
            eventually(() -> assertThat(receiver.events()).hasSize(3));
            awaitQuiet(clusterId, subscription);

            List<JsonNode> events = receiver.events();
            assertThat(events).extracting(e -> e.get("data").get("before").get("connectivityStatus").stringValue() + "->"
                            + e.get("data").get("after").get("connectivityStatus").stringValue())
                    .containsExactly("Connecting->Connected", "Connected->Offline", "Offline->Connected");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.get("specversion").stringValue()).isEqualTo("1.0");
                assertThat(e.get("type").stringValue()).isEqualTo(EventTypes.CONNECTIVITY_CHANGED);
                assertThat(e.get("subject").stringValue()).isEqualTo(clusterId);
                assertThat(e.get("source").stringValue()).isEqualTo(t.subscriptionPath());
                assertThat(Instant.parse(e.get("time").stringValue().replace("+00:00", "Z"))).isNotNull();
            });
            assertThat(events.stream().map(e -> e.get("id").stringValue()).distinct()).hasSize(3);
            assertThat(receiver.received()).allSatisfy(r ->
                    assertThat(r.contentType()).startsWith("application/cloudevents+json"));
            assertSigned(receiver.received(), secret);

            as(t.owner()).get(clusterId + SUFFIX + "connectivity" + API).then().statusCode(200)
                    .body("properties.deliveryStatus.deliveredCount", equalTo(3))
                    .body("properties.deliveryStatus.failureCount", equalTo(0));
        }
    }

    @Test
    void aReceiverThatIsDownGetsRetriedWithBackoffAndRetryAfterUntilItIsBack() throws Exception {
        Tenant t = readyTenant();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String secret = subscribe(t, t.subscriptionPath(), "retried", webhook(receiver.url(), ""));
            UUID subscription = subscriptionId(t.subscriptionPath(), "retried");
            receiver.answer(503, null);
            record(t, clusterId(t, "any"), EventTypes.CLUSTER_CREATED, "Succeeded");

            eventually(() -> assertThat(receiver.received()).hasSize(1));
            Instant firstRetry = eventually(() -> nextDelivery(subscription));
            // 10 s initial backoff with ±20 % jitter, from the clock the test holds still
            assertThat(Duration.between(clock.instant(), firstRetry)).isBetween(Duration.ofSeconds(7),
                    Duration.ofSeconds(13));
            as(t.owner()).get(t.subscriptionPath() + SUFFIX + "retried" + API).then()
                    .body("properties.deliveryStatus.failureCount", equalTo(1))
                    .body("properties.deliveryStatus.lastFailureReason", equalTo("HTTP 503"));

            receiver.answer(503, "120");
            clock.advance(Duration.ofSeconds(13));
            eventually(() -> assertThat(receiver.received()).hasSize(2));
            Instant secondRetry = eventually(() -> {
                Instant next = nextDelivery(subscription);
                assertThat(next).isAfter(firstRetry);
                return next;
            });
            assertThat(Duration.between(clock.instant(), secondRetry)).isBetween(Duration.ofSeconds(119),
                    Duration.ofSeconds(121));

            receiver.answer(200, null);
            clock.advance(Duration.ofSeconds(60));
            assertThat(nextDelivery(subscription)).isAfter(clock.instant());   // Retry-After still holds it back
            clock.advance(Duration.ofSeconds(61));
            eventually(() -> assertThat(receiver.received()).hasSize(3));
            awaitQuiet(t.subscriptionPath(), subscription);

            assertThat(receiver.events().stream().map(e -> e.get("id").stringValue()).distinct()).hasSize(1);
            assertSigned(receiver.received(), secret);
            as(t.owner()).get(t.subscriptionPath() + SUFFIX + "retried" + API).then()
                    .body("properties.deliveryStatus.deliveredCount", equalTo(1))
                    .body("properties.deliveryStatus.failureCount", equalTo(2));
        }
    }

    @Test
    void aRefusingReceiverOrOneOutOfAttemptsGetsItsEventsDeadLettered() throws Exception {
        Tenant t = readyTenant();
        try (WebhookReceiver refusing = new WebhookReceiver(); WebhookReceiver failing = new WebhookReceiver()) {
            subscribe(t, t.subscriptionPath(), "refusing", webhook(refusing.url(),
                    "\"deadLetterDestination\":{\"endpointType\":\"Mooring\"}"));
            subscribe(t, t.subscriptionPath(), "failing", webhook(failing.url(),
                    "\"retryPolicy\":{\"maxDeliveryAttempts\":2,\"eventTimeToLiveInMinutes\":60}"));
            refusing.answer(400, null);
            failing.answer(500, null);
            record(t, clusterId(t, "any"), EventTypes.CLUSTER_DELETED, "gone");

            eventually(() -> as(t.owner()).get(t.subscriptionPath() + SUFFIX + "refusing" + API).then()
                    .body("properties.deliveryStatus.deadLetterCount", equalTo(1)));
            assertThat(refusing.received()).hasSize(1);
            assertThat(jdbc.queryForObject("select count(*) from notification_deliveries where event_subscription_id = ?"
                    + " and dead_lettered_at is not null", Long.class, subscriptionId(t.subscriptionPath(), "refusing")))
                    .as("kept, as dead-lettering is on").isEqualTo(1);

            eventually(() -> assertThat(failing.received()).hasSize(1));
            eventually(() -> assertThat(nextDelivery(subscriptionId(t.subscriptionPath(), "failing"))).isNotNull());
            clock.advance(Duration.ofSeconds(13));
            eventually(() -> as(t.owner()).get(t.subscriptionPath() + SUFFIX + "failing" + API).then()
                    .body("properties.deliveryStatus.deadLetterCount", equalTo(1))
                    .body("properties.deliveryStatus.failureCount", equalTo(2)));
            assertThat(failing.received()).hasSize(2);
            assertThat(jdbc.queryForObject("select count(*) from notification_deliveries where event_subscription_id = ?",
                    Long.class, subscriptionId(t.subscriptionPath(), "failing"))).as("dropped: dead-lettering is off")
                    .isZero();
        }
    }

    private Instant nextDelivery(UUID subscription) {
        Timestamp next = jdbc.queryForObject("select next_delivery_at from event_subscriptions where id = ?",
                Timestamp.class, subscription);
        assertThat(next).isNotNull();
        return next.toInstant();
    }
}
