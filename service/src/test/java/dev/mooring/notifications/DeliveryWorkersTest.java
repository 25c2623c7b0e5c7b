package dev.mooring.notifications;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Several delivery workers on one database (four driven here, plus the replica's own job) share the work through
 * SKIP LOCKED claims and leases: every event reaches every destination exactly once when nothing fails, and
 * each destination sees its events in the order they were recorded.
 */
class DeliveryWorkersTest extends NotificationTestBase {

    private static final int EVENTS = 300;

    @Autowired
    NotificationWorker worker;

    @Autowired
    FanOut fanOut;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void concurrentWorkersDeliverEachEventOnceAndInOrder() throws Exception {
        Tenant t = readyTenant();
        List<WebhookReceiver> receivers = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        try (ExecutorService workers = Executors.newFixedThreadPool(4)) {
            int[] batches = {1, 7, 50};
            for (int i = 0; i < batches.length; i++) {
                WebhookReceiver receiver = new WebhookReceiver();
                receivers.add(receiver);
                subscribe(t, t.subscriptionPath(), "worker-" + i, webhook(receiver.url(), batches[i], ""));
            }
            transaction.executeWithoutResult(status -> IntStream.range(0, EVENTS).forEach(i -> notifications.record(
                    t.subscriptionId(), clusterId(t, "c" + i), EventTypes.CLUSTER_CREATED, null,
                    java.util.Map.of("index", i), false)));

            List<Future<?>> running = IntStream.range(0, 4).<Future<?>>mapToObj(n -> workers.submit(() -> {
                while (!done.get()) {
                    worker.fanOutDue();
                    worker.deliverDue();
                }
            })).toList();
            eventually(Duration.ofSeconds(60), () -> receivers.forEach(r -> assertThat(r.events()).hasSize(EVENTS)));
            done.set(true);
            for (Future<?> future : running) {
                future.get();
            }
            for (WebhookReceiver receiver : receivers) {
                List<String> ids = receiver.events().stream().map(e -> e.get("id").stringValue()).toList();
                assertThat(ids).hasSize(EVENTS).doesNotHaveDuplicates();
                assertThat(receiver.events().stream().map(e -> e.get("data").get("after").get("index").intValue()))
                        .containsExactlyElementsOf(IntStream.range(0, EVENTS).boxed().toList());
            }
            assertThat(receivers.get(0).received()).hasSize(EVENTS);
            assertThat(receivers.get(2).received()).hasSize(EVENTS / 50);
            assertThat(receivers.get(2).received()).allSatisfy(r ->
                    assertThat(r.contentType()).startsWith("application/cloudevents-batch+json"));
        } finally {
            done.set(true);
            receivers.forEach(WebhookReceiver::close);
        }
    }

    @Test
    void oneReplicaFansOutAtATimeSoThatNoneQueuesLaterEventsAheadOfEarlierOnes() throws Exception {
        Tenant t = readyTenant();
        String subject = clusterId(t, "held-back");
        transaction.executeWithoutResult(status -> notifications.record(t.subscriptionId(), subject,
                EventTypes.CLUSTER_CREATED, null, java.util.Map.of("index", 0), false));
        String inOutbox = "select count(*) from notification_events where subject_key = lower(?)";
        try (java.sql.Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (var statement = otherReplica.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + FanOut.FAN_OUT_LOCK + ")"); // mid fan-out
            }
            assertThat(fanOut.chunk().events()).isZero();
            assertThat(jdbc.queryForObject(inOutbox, Long.class, subject)).isEqualTo(1);
            otherReplica.rollback();
        }
        eventually(Duration.ofSeconds(10), () -> {
            fanOut.chunk();
            assertThat(jdbc.queryForObject(inOutbox, Long.class, subject)).isZero();
        });
    }

}
