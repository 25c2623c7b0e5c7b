/**
 * The agent data plane: onboarding, agent identity and authentication (AgentPrincipal), heartbeats (answered with the
 * identity call on a lean path ahead of Spring Security and Spring MVC: LeanAgentCalls), reports, configuration delivery and its wire documents. Uses arm, access, clusters, configurations.
 */
package dev.mooring.dataplane;
