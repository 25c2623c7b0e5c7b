package dev.mooring.arm.operations;

import dev.mooring.arm.errors.ArmException;

/**
 * Does the work of one kind of asynchronous operation. It runs inside the worker's transaction, which
 * also holds the operation's row lock: its database writes commit together with the operation's new
 * status, or not at all. It must be idempotent, because a crash before commit makes it run again.
 */
public interface AsyncOperationHandler {

    /** The {@link AsyncOperation#kind()} this handler runs. */
    String kind();

    /**
     * Does the work and returns the HTTP status the operation's Location URL answers with once done
     * (200 or 204). Throw {@link ArmException} to fail the operation with that error.
     */
    int run(AsyncOperation operation);

    /**
     * The operation has failed for good. Called in the transaction that records the failure, so the resource
     * can leave its transient state (Deleting, Accepted) for one the caller can act on again (Failed).
     */
    default void failed(AsyncOperation operation) {
    }

    /**
     * The body the result URL answers with once the operation succeeded (the resource, for a long-running PATCH
     * whose final state is read from the Location URL), or null for none. Runs in a read-only transaction.
     */
    default Object result(AsyncOperation operation) {
        return null;
    }
}
