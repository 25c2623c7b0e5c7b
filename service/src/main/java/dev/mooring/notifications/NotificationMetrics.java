package dev.mooring.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Prometheus counters of delivery ({@code mooring_notifications_*_total}): events delivered, failed requests,
 * events dead-lettered, events fanned out to subscriptions.
 */
@Component
class NotificationMetrics {

    private final Counter delivered;
    private final Counter failed;
    private final Counter deadLettered;
    private final Counter queued;

    NotificationMetrics(MeterRegistry registry) {
        this.delivered = Counter.builder("mooring.notifications.delivered")
                .description("Events delivered to webhooks").register(registry);
        this.failed = Counter.builder("mooring.notifications.failed.requests")
                .description("Delivery requests that failed (each is retried or dead-lettered)").register(registry);
        this.deadLettered = Counter.builder("mooring.notifications.dead.lettered")
                .description("Events given up on (out of attempts, past their time to live, or refused)").register(registry);
        this.queued = Counter.builder("mooring.notifications.queued")
                .description("Events queued for delivery to matching event subscriptions").register(registry);
    }

    void delivered(int events) {
        delivered.increment(events);
    }

    void failed() {
        failed.increment();
    }

    void deadLettered(int events) {
        deadLettered.increment(events);
    }

    void queued(long deliveries) {
        queued.increment(deliveries);
    }
}
