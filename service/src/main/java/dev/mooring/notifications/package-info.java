/**
 * Notifications: event subscriptions (Microsoft.EventGrid/eventSubscriptions as an extension resource at
 * subscription, resource group or cluster scope), the transactional outbox other features record facts into
 * ({@link dev.mooring.notifications.Notifications}), debounce, and signed, batched, retried CloudEvents delivery
 * to validated webhooks. Uses arm, platform, secrets, access, tenancy, clusters.
 */
package dev.mooring.notifications;
