/**
 * The operators' fleet inventory at /inventory/v1: filters, summary, timeline, gauges. Uses arm, access, tenancy, clusters, dataplane; nothing uses it.
 */
package dev.mooring.inventory;
