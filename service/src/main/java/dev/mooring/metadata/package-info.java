/**
 * ARM's cloud metadata document at /metadata/endpoints, which az cloud register reads. Uses access, tenancy, dataplane; nothing uses it.
 */
package dev.mooring.metadata;
