/**
 * The agent data plane: onboarding, agent identity and authentication (AgentPrincipal), heartbeats, reports, configuration delivery and its wire documents. Uses arm, access, clusters, configurations.
 */
package dev.mooring.dataplane;
