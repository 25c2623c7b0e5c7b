/**
 * Microsoft.KubernetesConfiguration/extensions: the ARM resource (two wire models), the extension-type
 * catalogue, sealed protected settings, auto-upgrade, and the {@code extensions} section of the desired state
 * the data plane delivers to a cluster's agent. {@link dev.mooring.extensions.ClusterExtensions} is what other
 * features (fluxConfigurations) use. Uses arm, platform, secrets, access, tenancy, clusters, configurations.
 */
package dev.mooring.extensions;
