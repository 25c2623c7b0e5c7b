package dev.mooring.notifications;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers one claimed destination's queue, oldest first, so each destination sees its events (and so each subject's)
 * in the order they happened: a batch of up to {@code maxEventsPerBatch} events per request (a single CloudEvent,
 * or a CloudEvents batch), signed. A 2xx removes them; 400 and 413 dead-letter them at once (resending cannot
 * help); anything else counts an attempt, dead-letters those out of attempts, and backs the destination off:
 * exponentially with jitter, or as long as its {@code Retry-After} asks (at most an hour). Events past their time
 * to live are dead-lettered unsent.
 */
@Component
class Deliveries {

    static final String SINGLE = "application/cloudevents+json; charset=utf-8";
    static final String BATCH = "application/cloudevents-batch+json; charset=utf-8";
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final DeliveryQueue queue;
    private final EventSubscriptionStore store;
    private final WebhookClient client;
    private final NotificationMetrics metrics;
    private final NotificationsProperties properties;
    private final Clock clock;

    Deliveries(DeliveryQueue queue, EventSubscriptionStore store, WebhookClient client, NotificationMetrics metrics,
            NotificationsProperties properties, Clock clock) {
        this.queue = queue;
        this.store = store;
        this.client = client;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    Duration lease() {
        return properties.requestTimeout().multipliedBy(3).plusSeconds(30);
    }

    void deliver(DeliveryQueue.Claim claim) {
        URI endpoint = URI.create(store.endpointUrl(claim.id()));
        String secret = store.secret(claim.id());
        while (true) {
            List<DeliveryQueue.Queued> batch = queue.next(claim.id(), claim.maxEventsPerBatch());
            Instant now = clock.instant();
            if (batch.isEmpty()) {
                queue.release(claim.id());
                return;
            }
            List<Long> expired = batch.stream().filter(q -> q.expiresAt().isBefore(now)).map(DeliveryQueue.Queued::id)
                    .toList();
            if (!expired.isEmpty()) {
                queue.deadLetter(claim, expired, "TimeToLiveExceeded", now);
                metrics.deadLettered(expired.size());
                continue;
            }
            byte[] body = body(batch, claim.maxEventsPerBatch() > 1);
            List<Long> ids = batch.stream().map(DeliveryQueue.Queued::id).toList();
            WebhookClient.Answer answer;
            try {
                answer = client.post(endpoint, claim.maxEventsPerBatch() > 1 ? BATCH : SINGLE, body,
                        Map.of(Signatures.HEADER, Signatures.sign(secret, body)));
            } catch (IOException e) {
                answer = null;
                log.debug("Delivery to event subscription {} failed: {}", claim.id(), e.getClass().getSimpleName());
            }
            Instant after = clock.instant();
            if (answer != null && answer.success()) {
                queue.delivered(claim.id(), ids, after, after.plus(lease()));
                metrics.delivered(ids.size());
                continue;
            }
            String reason = answer == null ? "The endpoint could not be reached." : "HTTP " + answer.status();
            metrics.failed();
            if (answer != null && (answer.status() == 400 || answer.status() == 413)) {
                queue.deadLetter(claim, ids, reason, after);
                metrics.deadLettered(ids.size());
                continue;
            }
            List<Long> exhausted = new ArrayList<>();
            for (DeliveryQueue.Queued queued : batch) {
                if (queued.attempts() + 1 >= claim.maxDeliveryAttempts()) {
                    exhausted.add(queued.id());
                }
            }
            queue.failed(claim.id(), ids, reason, after, after.plus(delay(claim.consecutiveFailures() + 1,
                    answer == null ? null : answer.retryAfter(), after)));
            queue.deadLetter(claim, exhausted, reason + "; no attempts left", after);
            metrics.deadLettered(exhausted.size());
            return;
        }
    }

    /** The wait before the next attempt: Retry-After when given (capped), else exponential backoff with jitter. */
    Duration delay(int failures, String retryAfter, Instant now) {
        Duration asked = retryAfter(retryAfter, now);
        if (asked != null) {
            return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
        }
        long base = properties.initialBackoff().toMillis() << Math.min(failures - 1, 20);
        long capped = Math.min(base, properties.maxBackoff().toMillis());
        // ±20 % jitter, so destinations that failed together do not all retry together
        long jitter = (long) (capped * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        return Duration.ofMillis(Math.max(1, capped + jitter));
    }

    private static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now,
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static byte[] body(List<DeliveryQueue.Queued> batch, boolean asBatch) {
        String json = asBatch ? "[" + String.join(",", batch.stream().map(DeliveryQueue.Queued::event).toList()) + "]"
                : batch.getFirst().event();
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
