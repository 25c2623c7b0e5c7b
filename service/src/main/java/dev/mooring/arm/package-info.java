/**
 * ARM's shared vocabulary: the action table, ArmContext, caller identity, preconditions, tags, systemData, wire-model registry. Uses no feature.
 */
package dev.mooring.arm;
