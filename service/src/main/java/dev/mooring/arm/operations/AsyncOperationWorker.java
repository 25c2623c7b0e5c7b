package dev.mooring.arm.operations;

import dev.mooring.arm.errors.ArmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
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
    private final Clock clock;

    AsyncOperationWorker(AsyncOperationRepository repository, List<AsyncOperationHandler> handlers,
            AsyncOperationsProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
        this.repository = repository;
        this.handlers = handlers.stream().collect(Collectors.toMap(AsyncOperationHandler::kind, Function.identity()));
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
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

    private boolean runNext() {
        UUID[] failed = new UUID[1];
        ArmException[] failure = new ArmException[1];
        Boolean claimed = transactions.execute(status -> {
            Optional<AsyncOperation> next = handlers.isEmpty() ? Optional.empty()
                    : repository.claimNext(clock.instant(), handlers.keySet());
            if (next.isEmpty()) {
                return false;
            }
            AsyncOperation operation = next.get();
            try {
                int result = handlerFor(operation).run(operation);
                operation.succeed(result, clock.instant());
                repository.save(operation);
            } catch (RuntimeException e) {
                // Undo the handler's partial writes; the failure is recorded in a transaction of its own.
                status.setRollbackOnly();
                failed[0] = operation.id();
                failure[0] = asArmException(operation, e);
            }
            return true;
        });
        if (failed[0] != null) {
            recordFailure(failed[0], failure[0]);
        }
        return Boolean.TRUE.equals(claimed);
    }

    private void recordFailure(UUID id, ArmException failure) {
        transactions.executeWithoutResult(status -> repository.claim(id).ifPresent(operation -> {
            operation.fail(failure.status().value(), failure.error(), clock.instant());
            repository.save(operation);
        }));
    }

    private AsyncOperationHandler handlerFor(AsyncOperation operation) {
        return handlers.get(operation.kind());
    }

    private static ArmException asArmException(AsyncOperation operation, RuntimeException e) {
        if (e instanceof ArmException arm) {
            return arm;
        }
        log.error("Asynchronous operation {} ({}) on {} failed", operation.id(), operation.kind(),
                operation.resourceId(), e);
        return new ArmException(HttpStatus.INTERNAL_SERVER_ERROR, "InternalServerError",
                "The operation failed because of an internal error. Operation id: '" + operation.id() + "'.");
    }
}
