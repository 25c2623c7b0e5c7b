package dev.mooring.arm.operations;

import dev.mooring.arm.errors.ArmException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mooring.testing.Eventually;
import dev.mooring.testing.ServiceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The worker guarantees: one run per operation across replicas, and an interrupted run resumes elsewhere. */
class AsyncOperationWorkerTest extends ServiceTest {

    @Autowired
    AsyncOperationRepository repository;

    @Autowired
    AsyncOperations operations;

    @Autowired
    AsyncOperationsProperties properties;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcTemplate jdbc;

    private AsyncOperationWorker worker(AsyncOperationHandler handler) {
        return new AsyncOperationWorker(repository, List.of(handler), properties, transactionManager, clock);
    }

    /** A worker that gives operations {@code maxAttempts} attempts, 1 s apart at first. */
    private AsyncOperationWorker worker(int maxAttempts, AsyncOperationHandler... handlers) {
        return worker(maxAttempts, properties.attemptIdleTimeout(), handlers);
    }

    private AsyncOperationWorker worker(int maxAttempts, Duration idleTimeout, AsyncOperationHandler... handlers) {
        AsyncOperationsProperties retrying = new AsyncOperationsProperties(properties.retryAfter(),
                properties.pollInterval(), properties.retention(), properties.batchSize(), maxAttempts,
                Duration.ofSeconds(1), Duration.ofMinutes(5), properties.attemptTimeout(),
                properties.attemptLockTimeout(), idleTimeout);
        return new AsyncOperationWorker(repository, List.of(handlers), retrying, transactionManager, clock);
    }

    /** Makes the surrounding transaction fail when it commits, as a constraint checked at commit does. */
    private static void failAtCommit() {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        throw new org.springframework.dao.DataIntegrityViolationException("violates a constraint at commit");
                    }
                });
    }

    /** Seconds until the operation is due, on the database's clock. */
    private double secondsUntilDue(UUID id) {
        return jdbc.queryForObject("select extract(epoch from not_before - now()) from async_operations where id = ?",
                Double.class, id);
    }

    private static AsyncOperationHandler handler(String kind, java.util.function.ToIntFunction<AsyncOperation> body) {
        return new AsyncOperationHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public int run(AsyncOperation operation) {
                return body.applyAsInt(operation);
            }
        };
    }

    private AsyncOperation start(String kind) {
        Tenant t = newTenant();
        return operations.start(new AsyncOperations.Start(kind, t.subscriptionPath() + "/x", t.subscriptionId(),
                "Microsoft.Resources", "eastus", "2021-04-01", t.tenantId(), t.ownerId().toString(), Duration.ZERO));
    }

    @Test
    void twoWorkersNeverRunOneOperationTwice() throws Exception {
        String kind = "test/count-" + UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(start(kind).id());
        }
        Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
        // Each worker's first run holds its claim until the other worker is running too, so the two really
        // compete for the same queue.
        CountDownLatch bothRunning = new CountDownLatch(2);
        AsyncOperationHandler counting = handler(kind, operation -> {
            runs.computeIfAbsent(operation.id(), id -> new AtomicInteger()).incrementAndGet();
            bothRunning.countDown();
            awaitQuietly(bothRunning);
            return 200;
        });
        AsyncOperationWorker first = worker(counting);
        AsyncOperationWorker second = worker(counting);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<Integer> a = pool.submit(() -> {
                go.await();
                return first.runDue(100);
            });
            Future<Integer> b = pool.submit(() -> {
                go.await();
                return second.runDue(100);
            });
            go.countDown();
            assertThat(a.get() + b.get()).isEqualTo(40);
        }
        assertThat(runs).hasSize(40);
        assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(ids).allSatisfy(id -> assertThat(repository.findById(id).orElseThrow().status()).isEqualTo("Succeeded"));
    }

    /** Stands for the process dying mid-operation: not an exception the worker handles. */
    static final class ProcessDied extends Error {
    }

    @Test
    void anOperationInterruptedMidWayCompletesOnTheNextWorker() {
        String kind = "test/crash-" + UUID.randomUUID();
        AsyncOperation operation = start(kind);
        AsyncOperationWorker dying = worker(handler(kind, op -> {
            jdbc.update("update async_operations set percent_complete = 50 where id = ?", op.id());
            throw new ProcessDied();
        }));
        assertThatThrownBy(() -> dying.runDue(1)).isInstanceOf(ProcessDied.class);
        AsyncOperation pending = repository.findById(operation.id()).orElseThrow();
        assertThat(pending.status()).isEqualTo("InProgress");
        assertThat(pending.percentComplete()).as("the dead run's writes were rolled back").isZero();

        AtomicInteger resumed = new AtomicInteger();
        worker(handler(kind, op -> {
            resumed.incrementAndGet();
            return 204;
        })).runDue(10);
        AsyncOperation done = repository.findById(operation.id()).orElseThrow();
        assertThat(resumed).hasValue(1);
        assertThat(done.status()).isEqualTo("Succeeded");
        assertThat(done.resultStatus()).isEqualTo(204);
    }

    @Test
    void aHandlerFailureFailsTheOperationWithItsErrorAndUndoesItsWrites() {
        String kind = "test/fail-" + UUID.randomUUID();
        AsyncOperation operation = start(kind);
        worker(handler(kind, op -> {
            jdbc.update("update async_operations set percent_complete = 50 where id = ?", op.id());
            throw new ArmException(org.springframework.http.HttpStatus.CONFLICT, "Conflict", "It clashed.");
        })).runDue(1);
        AsyncOperation failed = repository.findById(operation.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo("Failed");
        assertThat(failed.errorStatus()).isEqualTo(409);
        assertThat(failed.error().code()).isEqualTo("Conflict");
        assertThat(failed.percentComplete()).isZero();
    }

    @Test
    void anOperationFailingAtCommitBacksOffWithoutBlockingOthersAndFailsAfterItsLastAttempt() {
        String poisonedKind = "test/poison-" + UUID.randomUUID();
        String healthyKind = "test/healthy-" + UUID.randomUUID();
        AsyncOperation poisoned = start(poisonedKind);
        List<UUID> healthy = List.of(start(healthyKind).id(), start(healthyKind).id(), start(healthyKind).id());
        AtomicInteger failedCalls = new AtomicInteger();
        AsyncOperationHandler failing = new AsyncOperationHandler() {
            @Override
            public String kind() {
                return poisonedKind;
            }

            @Override
            public int run(AsyncOperation operation) {
                failAtCommit();
                return 200;
            }

            @Override
            public void failed(AsyncOperation operation) {
                failedCalls.incrementAndGet();
            }
        };
        AsyncOperationWorker worker = worker(3, failing, handler(healthyKind, op -> 200));

        assertThat(worker.runDue(10)).isEqualTo(4);
        assertThat(healthy).allSatisfy(id -> assertThat(repository.findById(id).orElseThrow().status()).isEqualTo("Succeeded"));
        AsyncOperation waiting = repository.findById(poisoned.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo("InProgress");
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.lastError()).contains("violates a constraint at commit");
        assertThat(secondsUntilDue(poisoned.id())).isBetween(0.5, 1.0);
        assertThat(worker.runDue(10)).as("not due during its backoff").isZero();

        jdbc.update("update async_operations set not_before = now() where id = ?", poisoned.id());
        worker.runDue(10);
        assertThat(repository.findById(poisoned.id()).orElseThrow().attempts()).isEqualTo(2);
        assertThat(secondsUntilDue(poisoned.id())).as("the backoff doubled").isBetween(1.5, 2.0);
        assertThat(failedCalls).hasValue(0);

        jdbc.update("update async_operations set not_before = now() where id = ?", poisoned.id());
        worker.runDue(10);
        AsyncOperation failed = repository.findById(poisoned.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo("Failed");
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.errorStatus()).isEqualTo(500);
        assertThat(failed.error().code()).isEqualTo("InternalServerError");
        assertThat(failed.error().message()).doesNotContain("constraint");
        assertThat(failedCalls).as("the handler hears of the final failure once").hasValue(1);
    }

    @Test
    void aFrozenWorkerLosesItsOperationToAnotherOnceItsTransactionIdlesTooLong() throws Exception {
        String kind = "test/frozen-" + UUID.randomUUID();
        AsyncOperation operation = start(kind);
        CountDownLatch frozen = new CountDownLatch(1);
        CountDownLatch thaw = new CountDownLatch(1);
        AsyncOperationWorker freezing = worker(5, Duration.ofSeconds(1), handler(kind, op -> {
            frozen.countDown();
            try {
                thaw.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        }));
        AtomicInteger ranElsewhere = new AtomicInteger();
        AsyncOperationWorker other = worker(5, handler(kind, op -> ranElsewhere.incrementAndGet() > 0 ? 204 : 0));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> stuck = pool.submit(() -> freezing.runDue(1));
            assertThat(frozen.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            dev.mooring.testing.Eventually.eventually(Duration.ofSeconds(10), () -> {
                other.runDue(1);
                assertThat(ranElsewhere).hasValue(1);
            });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            thaw.countDown();
            stuck.get();
        } finally {
            thaw.countDown();
            pool.close();
        }
        AsyncOperation done = repository.findById(operation.id()).orElseThrow();
        assertThat(done.status()).isEqualTo("Succeeded");
        assertThat(done.resultStatus()).as("the other worker's result stands").isEqualTo(204);
    }

    @Test
    void retentionRemovesFinishedOperationsOnlyHoweverOldThePendingOnesAre() {
        String kind = "test/old-" + UUID.randomUUID();
        AsyncOperation pending = start(kind);
        AsyncOperation finished = start(kind);
        jdbc.update("update async_operations set status = 'Succeeded' where id = ?", finished.id());
        jdbc.update("update async_operations set expires_at = now() - interval '1 day' where id in (?, ?)",
                pending.id(), finished.id());

        worker(handler("test/other-" + UUID.randomUUID(), op -> 200)).poll();

        assertThat(repository.findById(finished.id())).isEmpty();
        assertThat(repository.findById(pending.id())).isPresent();
    }

    @Test
    void operationsOfUnknownKindsAreLeftForAReplicaThatKnowsThem() {
        AsyncOperation foreign = start("test/unknown-" + UUID.randomUUID());
        worker(handler("test/other-" + UUID.randomUUID(), op -> 200)).runDue(100);
        assertThat(repository.findById(foreign.id()).orElseThrow().status()).isEqualTo("InProgress");
    }

    @Test
    void onlyTheOperationsTenantReadsItsStatus() {
        AsyncOperation operation = start("test/unknown-" + UUID.randomUUID());
        String path = AsyncOperations.path(operation, "operationStatuses") + "?api-version=2021-04-01";
        AsyncOperation stored = repository.findById(operation.id()).orElseThrow();
        String creator = idp.user(stored.tenantId().toString(), stored.callerObjectId()).sign();
        as(creator).get(path).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("InProgress"))
                .body("name", org.hamcrest.Matchers.equalTo(operation.id().toString()));
        as(creator).get(AsyncOperations.path(operation, "operationResults") + "?api-version=2021-04-01").then()
                .statusCode(202).header("Location", org.hamcrest.Matchers.notNullValue());
        as(idp.anyUser().sign()).get(path).then().statusCode(401);
        String sameTenantStranger = idp.user(stored.tenantId().toString(), UUID.randomUUID().toString()).sign();
        as(sameTenantStranger).get(path).then().statusCode(403);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(Eventually.DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
