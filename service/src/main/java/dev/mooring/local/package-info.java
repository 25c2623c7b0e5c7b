/**
 * Local mode: the development token issuer, local HTTPS and the seeded tenant. Uses arm, access, tenancy; nothing uses it.
 */
package dev.mooring.local;
