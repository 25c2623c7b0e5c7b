/**
 * Sealing secrets at rest (AES-256-GCM with key ids) and their re-encryption. Uses no feature.
 */
package dev.mooring.secrets;
