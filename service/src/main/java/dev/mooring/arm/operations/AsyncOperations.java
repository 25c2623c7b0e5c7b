package dev.mooring.arm.operations;

import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.PublicUrls;
import dev.mooring.arm.pipeline.ArmRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts asynchronous operations and tells the caller where to follow them. */
@Service
public class AsyncOperations {

    static final String AZURE_ASYNC_OPERATION = "Azure-AsyncOperation";

    private final AsyncOperationRepository repository;
    private final AsyncOperationsProperties properties;
    private final Clock clock;

    AsyncOperations(AsyncOperationRepository repository, AsyncOperationsProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What an operation is about. {@code namespace} and {@code location} place its status URLs
     * ({@code /subscriptions/{s}/providers/{namespace}/locations/{location}/operationStatuses/{id}}).
     */
    public record Start(String kind, String resourceId, UUID subscriptionId, String namespace, String location,
            String apiVersion, UUID tenantId, String callerObjectId, Duration delay) {

        public static Start of(String kind, String resourceId, UUID subscriptionId, String namespace, String location,
                String apiVersion, CallerIdentity caller) {
            return new Start(kind, resourceId, subscriptionId, namespace, location, apiVersion,
                    UUID.fromString(caller.tenantId()), caller.objectId(), Duration.ZERO);
        }
    }

    /** Records a new operation; it runs once the surrounding transaction has committed and its delay has passed. */
    @Transactional
    public AsyncOperation start(Start start) {
        Instant now = clock.instant();
        return repository.save(new AsyncOperation(UUID.randomUUID(), start, now, now.plus(start.delay()),
                now.plus(properties.retention())));
    }

    @Transactional(readOnly = true)
    public boolean isRunningOn(String resourceId) {
        return repository.existsByResourceIdAndStatus(resourceId, AsyncOperation.IN_PROGRESS);
    }

    /**
     * Finishes the operations running on {@code resourceId} now (an external event, such as an agent's
     * acknowledgement, completed their work). An operation a worker holds at this moment is left to it.
     */
    @Transactional
    public int completeNow(String resourceId, int resultStatus) {
        int completed = 0;
        for (AsyncOperation running : repository.runningUnder(resourceId)) {
            if (running.resourceId().equalsIgnoreCase(resourceId)) {
                var claimed = repository.claim(running.id());
                if (claimed.isPresent()) {
                    claimed.get().succeed(resultStatus, clock.instant());
                    repository.save(claimed.get());
                    completed++;
                }
            }
        }
        return completed;
    }

    /** Operations still running on {@code resourceId} or anything under it. */
    @Transactional(readOnly = true)
    public java.util.List<AsyncOperation> runningUnder(String resourceId) {
        return repository.runningUnder(resourceId);
    }

    /** The operation's status resource path ({@code .../locations/{loc}/operationStatuses/{id}}). */
    public static String statusPath(AsyncOperation operation) {
        return path(operation, "operationStatuses");
    }

    /** {@code Azure-AsyncOperation}, {@code Location} and {@code Retry-After}, absolute on the caller's host. */
    public HttpHeaders followHeaders(AsyncOperation operation, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(AZURE_ASYNC_OPERATION, url(operation, "operationStatuses", request));
        headers.set(HttpHeaders.LOCATION, url(operation, "operationResults", request));
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()));
        return headers;
    }

    long retryAfterSeconds() {
        return Math.max(1, properties.retryAfter().toSeconds());
    }

    static String path(AsyncOperation operation, String collection) {
        return "/subscriptions/" + operation.subscriptionId() + "/providers/" + operation.namespace()
                + "/locations/" + operation.location() + "/" + collection + "/" + operation.id();
    }

    private static String url(AsyncOperation operation, String collection, HttpServletRequest request) {
        return PublicUrls.baseUrl(request, path(operation, collection))
                .queryParam(ArmRequest.API_VERSION, operation.apiVersion())
                .build().toUriString();
    }
}
