/**
 * Subscriptions, resource groups, provider registrations and the regional rules. Uses arm, access, platform.
 */
package dev.mooring.tenancy;
