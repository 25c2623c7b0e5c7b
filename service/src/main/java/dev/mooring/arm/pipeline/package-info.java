/**
 * The ARM request pipeline: filters (request ids, body limit) and interceptors (api-version, throttling) in one order, and the ArmContext resolver. Part of arm; uses no feature.
 */
package dev.mooring.arm.pipeline;
