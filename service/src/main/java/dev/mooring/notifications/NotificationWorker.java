package dev.mooring.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The background job of every replica: fans due facts out to the subscriptions' queues, then claims destinations
 * with work and delivers to up to {@code workers} of them at once (each on a virtual thread), until none is due.
 */
@Component
class NotificationWorker {

    private static final Logger log = LoggerFactory.getLogger(NotificationWorker.class);
    private static final int MAX_ROUNDS = 1000;

    private final FanOut fanOut;
    private final DeliveryQueue queue;
    private final Deliveries deliveries;
    private final NotificationMetrics metrics;
    private final NotificationsProperties properties;
    private final Clock clock;

    NotificationWorker(FanOut fanOut, DeliveryQueue queue, Deliveries deliveries, NotificationMetrics metrics,
            NotificationsProperties properties, Clock clock) {
        this.fanOut = fanOut;
        this.queue = queue;
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${mooring.notifications.poll-interval:1s}", initialDelayString = "5s")
    public void run() {
        try {
            fanOutDue();
            deliverDue();
        } catch (RuntimeException e) {
            // The database may be away; the next run tries again.
            log.warn("Notification delivery did not run: {}", e.getMessage());
        }
    }

    /** Moves every due fact to the queues; returns how many facts it took. */
    long fanOutDue() {
        long events = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            FanOut.Result result = fanOut.chunk();
            events += result.events();
            metrics.queued(result.deliveries());
            if (result.events() < FanOut.CHUNK) {
                break;
            }
        }
        return events;
    }

    /** Delivers to every destination that is due and not worked elsewhere; returns how many it worked. */
    int deliverDue() {
        int worked = 0;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                Instant now = clock.instant();
                List<DeliveryQueue.Claim> claims = queue.claim(now, now.plus(deliveries.lease()), properties.workers());
                if (claims.isEmpty()) {
                    break;
                }
                List<Future<?>> running = claims.stream()
                        .<Future<?>>map(claim -> executor.submit(() -> deliverSafely(claim))).toList();
                for (Future<?> future : running) {
                    try {
                        future.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return worked;
                    } catch (java.util.concurrent.ExecutionException e) {
                        log.warn("A delivery failed unexpectedly", e.getCause());
                    }
                }
                worked += claims.size();
            }
        }
        return worked;
    }

    private void deliverSafely(DeliveryQueue.Claim claim) {
        try {
            deliveries.deliver(claim);
        } catch (RuntimeException e) {
            // The lease runs out and another run (here or on another replica) takes the destination up again.
            log.warn("Delivery to event subscription {} stopped: {}", claim.id(), e.getClass().getSimpleName());
        }
    }
}
