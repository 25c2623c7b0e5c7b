package dev.mooring.arm.operations;

import dev.mooring.arm.errors.ArmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs due operations. Each runs in one transaction that first claims its row with
 * {@code FOR UPDATE SKIP LOCKED}: two replicas never run the same operation, and an operation whose
 * replica dies mid-way is rolled back to pending and picked up by the next poll anywhere.
 */
@Component
class AsyncOperationWorker {

    private static final Logger log = LoggerFactory.getLogger(AsyncOperationWorker.class);

    private final AsyncOperationRepository repository;
    private final Map<String, AsyncOperationHandler> handlers;
    private final AsyncOperationsProperties properties;
    private final TransactionTemplate transactions;
    private final TransactionTemplate attempts;
    private final Clock clock;

    AsyncOperationWorker(AsyncOperationRepository repository, List<AsyncOperationHandler> handlers,
            AsyncOperationsProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
        this.repository = repository;
        this.handlers = handlers.stream().collect(Collectors.toMap(AsyncOperationHandler::kind, Function.identity()));
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.attempts = new TransactionTemplate(transactionManager);
        this.attempts.setTimeout((int) Math.max(1, properties.attemptTimeout().toSeconds()));
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${mooring.operations.poll-interval:1s}")
    void poll() {
        try {
            runDue(properties.batchSize());
            transactions.executeWithoutResult(status -> repository.deleteExpired(clock.instant()));
        } catch (RuntimeException e) {
            log.warn("Asynchronous operation poll failed; retrying at the next poll", e);
        }
    }

    /** Runs up to {@code max} due operations; returns how many ran. */
    int runDue(int max) {
        int ran = 0;
        while (ran < max && runNext()) {
            ran++;
        }
        return ran;
    }

    /**
     * Claims and runs one due operation; false when none was due. The attempt is isolated: whatever fails in it
     * (the handler, or the database at flush or commit) is recorded on that operation alone, which then either
     * fails (an {@link ArmException}, or the last allowed attempt) or waits its backoff while others run.
     */
    private boolean runNext() {
        Attempt attempt = new Attempt();
        boolean claimed;
        try {
            claimed = Boolean.TRUE.equals(attempts.execute(status -> {
                repository.limitTransaction(Long.toString(properties.attemptTimeout().toMillis()),
                        Long.toString(properties.attemptLockTimeout().toMillis()),
                        Long.toString(properties.attemptIdleTimeout().toMillis()));
                Optional<AsyncOperation> next = handlers.isEmpty() ? Optional.empty()
                        : repository.claimNext(clock.instant(), handlers.keySet());
                if (next.isEmpty()) {
                    return false;
                }
                AsyncOperation operation = next.get();
                attempt.id = operation.id();
                try {
                    int result = handlerFor(operation).run(operation);
                    // Flush here, not at commit: a constraint the handler's writes break is the handler's failure.
                    repository.flush();
                    operation.succeed(result, clock.instant());
                    repository.saveAndFlush(operation);
                } catch (RuntimeException e) {
                    // Undo the handler's partial writes; the failure is recorded in a transaction of its own.
                    status.setRollbackOnly();
                    attempt.failure = e;
                }
                return true;
            }));
        } catch (RuntimeException commitFailed) {
            if (attempt.id == null) {
                throw commitFailed;
            }
            claimed = true;
            attempt.failure = commitFailed;
        }
        if (attempt.failure != null) {
            recordFailure(attempt.id, attempt.failure);
        }
        return claimed;
    }

    /** What one attempt claimed and how it failed, if it did. */
    private static final class Attempt {
        UUID id;
        RuntimeException failure;
    }

    private void recordFailure(UUID id, RuntimeException failure) {
        transactions.executeWithoutResult(status -> repository.claim(id).ifPresent(operation -> {
            if (failure instanceof ArmException arm) {
                operation.fail(arm.status().value(), arm.error(), clock.instant());
            } else if (operation.attempts() + 1 < properties.maxAttempts()) {
                Duration backoff = properties.backoffAfter(operation.attempts() + 1);
                log.warn("Asynchronous operation {} ({}) on {} failed (attempt {} of {}); retrying in {}", operation.id(),
                        operation.kind(), operation.resourceId(), operation.attempts() + 1, properties.maxAttempts(),
                        backoff, failure);
                repository.retryLater(operation.id(), cause(failure), backoff.toMillis() / 1000.0);
                return;
            } else {
                log.error("Asynchronous operation {} ({}) on {} failed its last attempt ({})", operation.id(),
                        operation.kind(), operation.resourceId(), properties.maxAttempts(), failure);
                operation.failAfterAttempts(cause(failure), clock.instant());
            }
            repository.saveAndFlush(operation);
            AsyncOperationHandler handler = handlerFor(operation);
            if (handler != null) {
                handler.failed(operation);
            }
        }));
    }

    /** The failure's innermost cause, bounded, for the operation's row (operators read it; callers never do). */
    private static String cause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private AsyncOperationHandler handlerFor(AsyncOperation operation) {
        return handlers.get(operation.kind());
    }
}
