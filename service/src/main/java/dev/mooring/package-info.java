/**
 * Mooring, a control plane for connected Kubernetes clusters. Each sub-package is one feature; docs/architecture.md
 * is the map and ModuleBoundariesTest checks it.
 */
package dev.mooring;
