/**
 * Microsoft.KubernetesConfiguration/fluxConfigurations (Flux v2 GitOps): the ARM resource in its api-versions, its
 * validation (sources, kustomizations and their dependency graph), sealed protected settings, the long-running
 * create, update and delete, and the agent's status reports. Uses arm, tenancy, clusters, configurations, secrets.
 */
package dev.mooring.fluxconfigurations;
