/**
 * Microsoft.Kubernetes/connectedClusters: the ARM resource, its wire models, the connectivity policy, credentials, and
 * ClusterDirectory for the features above. Uses arm, access, tenancy, platform, secrets (the agentry protected
 * settings).
 */
package dev.mooring.clusters;
