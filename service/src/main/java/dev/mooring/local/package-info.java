/**
 * Local mode: the development token issuer, local HTTPS, the seeded tenant and local kubeconfigs. Uses arm, access, tenancy, clusters; nothing uses it.
 */
package dev.mooring.local;
