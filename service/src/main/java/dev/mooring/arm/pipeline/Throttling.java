package dev.mooring.arm.pipeline;

import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.errors.ArmException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * ARM throttling: a Bucket4j token bucket per principal, subscription (or tenant, for tenant-level
 * calls) and request kind. Every answer carries {@code x-ms-ratelimit-remaining-*}; an empty bucket gives
 * 429 {@code TooManyRequests} with {@code Retry-After}.
 */
@Component
class Throttling implements ArmPipeline.Step {

    enum Kind {
        READS, WRITES, DELETES
    }

    private final ThrottlingProperties properties;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(15))
            .maximumSize(1_000_000)
            .build();

    Throttling(ThrottlingProperties properties) {
        this.properties = properties;
    }

    @Override
    public int order() {
        return ArmPipeline.THROTTLING;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!properties.enabled()) {
            return true;
        }
        ArmOperation operation = ArmRequest.operation(handler).orElse(null);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (operation == null || authentication == null || !(authentication.getPrincipal() instanceof CallerIdentity caller)) {
            return true;
        }
        Kind kind = kind(operation, request);
        String subscription = ArmRequest.pathVariable(request, "subscriptionId").map(s -> s.toLowerCase(Locale.ROOT))
                .orElse(null);
        String scope = subscription != null ? "subscription" : "tenant";
        String key = caller.objectId() + '|' + (subscription != null ? subscription : "tenant:" + caller.tenantId())
                + '|' + kind;
        ConsumptionProbe probe = buckets.get(key, k -> newBucket(kind)).tryConsumeAndReturnRemaining(1);
        response.setHeader("x-ms-ratelimit-remaining-" + scope + "-" + kind.name().toLowerCase(Locale.ROOT),
                Long.toString(probe.getRemainingTokens()));
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                    + (probe.getNanosToWaitForRefill() % 1_000_000_000L == 0 ? 0 : 1));
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            throw new ArmException(HttpStatus.TOO_MANY_REQUESTS, "TooManyRequests",
                    "The request is being throttled as the limit has been reached for operation type - "
                            + kind.name().charAt(0) + kind.name().substring(1).toLowerCase(Locale.ROOT)
                            + ". Retry after " + seconds + " seconds.");
        }
        return true;
    }

    private static Kind kind(ArmOperation operation, HttpServletRequest request) {
        return switch (operation.kind()) {
            case READ -> Kind.READS;
            case WRITE -> Kind.WRITES;
            case DELETE -> Kind.DELETES;
            case AUTO -> switch (request.getMethod()) {
                case "GET", "HEAD" -> Kind.READS;
                case "DELETE" -> Kind.DELETES;
                default -> Kind.WRITES;
            };
        };
    }

    private Bucket newBucket(Kind kind) {
        long capacity = switch (kind) {
            case READS -> properties.readCapacity();
            case WRITES -> properties.writeCapacity();
            case DELETES -> properties.deleteCapacity();
        };
        long refill = switch (kind) {
            case READS -> properties.readRefillPerSecond();
            case WRITES -> properties.writeRefillPerSecond();
            case DELETES -> properties.deleteRefillPerSecond();
        };
        long replicas = properties.replicas();
        long perReplicaCapacity = Math.max(1, capacity / replicas);
        long perReplicaRefill = Math.max(1, refill / replicas);
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perReplicaCapacity).refillGreedy(perReplicaRefill, Duration.ofSeconds(1)))
                .build();
    }
}
