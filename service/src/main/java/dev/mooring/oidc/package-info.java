/**
 * The per-cluster OIDC issuers of workload identity: the service-account signing keys (public JWKs) agents upload,
 * and the unauthenticated discovery document and JWKS at {@code /oidc/{cluster hash}/}. Uses arm, access, clusters.
 */
package dev.mooring.oidc;
