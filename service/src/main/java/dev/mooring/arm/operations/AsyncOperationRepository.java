package dev.mooring.arm.operations;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;

interface AsyncOperationRepository extends JpaRepository<AsyncOperation, UUID> {

    /**
     * The oldest due operation of the given kinds that no other worker holds; the row stays locked until
     * the transaction ends. Only kinds this replica can run are claimed, so a replica of another version
     * never fails an operation it does not know.
     */
    @NativeQuery("""
            select * from async_operations
             where status = 'InProgress' and not_before <= :now and kind in (:kinds)
             order by not_before
             limit 1
             for update skip locked""")
    Optional<AsyncOperation> claimNext(Instant now, java.util.Collection<String> kinds);

    /** Sets the current transaction's limits (as SET LOCAL does), in milliseconds. */
    @NativeQuery("""
            select set_config('statement_timeout', :statementMillis, true)
                || set_config('lock_timeout', :lockMillis, true)
                || set_config('idle_in_transaction_session_timeout', :idleMillis, true)""")
    String limitTransaction(String statementMillis, String lockMillis, String idleMillis);

    /** This operation, if it is still pending and no other worker holds it. */
    @NativeQuery("""
            select * from async_operations
             where id = :id and status = 'InProgress'
             for update skip locked""")
    Optional<AsyncOperation> claim(UUID id);

    boolean existsByResourceIdAndStatus(String resourceId, String status);

    @NativeQuery("""
            select * from async_operations
             where status = 'InProgress' and starts_with(lower(resource_id), lower(:prefix))
             order by start_time""")
    java.util.List<AsyncOperation> runningUnder(String prefix);

    /** Counts a failed attempt and puts the operation back in the queue after {@code delaySeconds}, on the database's clock. */
    @Modifying
    @NativeQuery("""
            update async_operations
               set attempts = attempts + 1, last_error = :error, not_before = now() + make_interval(secs => :delaySeconds)
             where id = :id and status = 'InProgress'""")
    int retryLater(UUID id, String error, double delaySeconds);

    /** Finished operations past their retention; a pending one stays however old it is. */
    @Modifying
    @Query("delete from AsyncOperation o where o.expiresAt < :now and o.status <> 'InProgress'")
    int deleteExpired(Instant now);
}
