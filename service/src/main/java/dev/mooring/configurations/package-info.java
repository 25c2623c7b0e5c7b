/**
 * Microsoft.KubernetesConfiguration/sourceControlConfigurations: the ARM resource, its wire models, sealed protected settings and what the data plane delivers. Uses arm, tenancy, clusters, secrets.
 */
package dev.mooring.configurations;
