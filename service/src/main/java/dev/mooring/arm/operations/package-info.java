/**
 * Durable asynchronous operations: starting them, the worker that runs them, the status and result endpoints. Part of arm; uses no feature.
 */
package dev.mooring.arm.operations;
