package dev.mooring.arm.operations;

import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.ArmContext;
import dev.mooring.arm.pipeline.ArmRequest;
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

    /**
     * Fails the operations running on {@code resourceId} now with {@code error} (an external event, such as an
     * agent's failure report, ended their work). An operation a worker holds at this moment is left to it.
     */
    @Transactional
    public int failNow(String resourceId, int httpStatus, dev.mooring.arm.errors.ArmError error) {
        int failed = 0;
        for (AsyncOperation running : repository.runningUnder(resourceId)) {
            if (running.resourceId().equalsIgnoreCase(resourceId)) {
                var claimed = repository.claim(running.id());
                if (claimed.isPresent()) {
                    claimed.get().fail(httpStatus, error, clock.instant());
                    repository.save(claimed.get());
                    failed++;
                }
            }
        }
        return failed;
    }

    /** The operation {@code id} if it was started on {@code resourceId} (ARM ids compare case-insensitively). */
    @Transactional(readOnly = true)
    public java.util.Optional<AsyncOperation> findOn(String resourceId, UUID id) {
        return repository.findById(id).filter(op -> op.resourceId().equalsIgnoreCase(resourceId));
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

    /** Which answer the follow headers go with, and so which of them it carries. */
    public enum Follow {
        /** A PUT that created the resource (201): {@code Azure-AsyncOperation} and {@code Retry-After}. */
        CREATED(true, false),
        /** A 202 Accepted (DELETE, long-running PATCH or POST): both URLs and {@code Retry-After}. */
        ACCEPTED(true, true),
        /** The operation result resource while the operation runs: {@code Location} and {@code Retry-After}. */
        RESULT_PENDING(false, true),
        /** The operation status resource while the operation runs: {@code Retry-After} only. */
        STATUS_PENDING(false, false);

        private final boolean status;
        private final boolean result;

        Follow(boolean status, boolean result) {
            this.status = status;
            this.result = result;
        }
    }

    /** The headers that tell the caller where to follow {@code operation}, absolute on the caller's host. */
    public HttpHeaders followHeaders(AsyncOperation operation, Follow kind, ArmContext context) {
        HttpHeaders headers = new HttpHeaders();
        if (kind.status) {
            headers.set(AZURE_ASYNC_OPERATION, url(operation, "operationStatuses", context));
        }
        if (kind.result) {
            headers.set(HttpHeaders.LOCATION, url(operation, "operationResults", context));
        }
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

    private static String url(AsyncOperation operation, String collection, ArmContext context) {
        return context.publicUrl(path(operation, collection))
                .queryParam(ArmRequest.API_VERSION, operation.apiVersion())
                .build().toUriString();
    }
}
