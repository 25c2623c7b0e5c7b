package dev.mooring.arm.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmErrorWriter;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles unauthenticated traffic per source address, before authentication runs: a request without an
 * {@code Authorization} header draws one token up front; a request whose credentials were refused (401) draws
 * one afterwards. Once an address's bucket is empty every request from it gets 429 {@code TooManyRequests}
 * with {@code Retry-After} until it refills. Authenticated traffic draws nothing here (ARM's per-principal
 * buckets in {@link Throttling} apply to it). The address is the servlet container's remote address, which a
 * trusted proxy's {@code X-Forwarded-For} sets only when forward headers are enabled.
 */
class UnauthenticatedThrottling extends OncePerRequestFilter {

    private final UnauthenticatedThrottlingProperties properties;
    private final ArmErrorWriter errors;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(1_000_000)
            .build();

    UnauthenticatedThrottling(UnauthenticatedThrottlingProperties properties, ArmErrorWriter errors) {
        this.properties = properties;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.enabled();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Bucket bucket = buckets.get(request.getRemoteAddr(), address -> newBucket());
        boolean anonymous = request.getHeader(HttpHeaders.AUTHORIZATION) == null;
        boolean refused = anonymous ? !bucket.tryConsume(1) : bucket.getAvailableTokens() < 1;
        if (refused) {
            long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            errors.write(response, HttpStatus.TOO_MANY_REQUESTS, new ArmError("TooManyRequests",
                    "Too many unauthenticated requests from this address. Retry after " + seconds + " seconds."));
            return;
        }
        chain.doFilter(request, response);
        if (!anonymous && response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            bucket.tryConsume(1);
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(properties.capacity())
                        .refillGreedy(properties.refillPerSecond(), Duration.ofSeconds(1)))
                .build();
    }
}
