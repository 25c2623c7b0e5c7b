/**
 * Cross-cutting infrastructure: the clock, scheduling, migrations, JSON column conversion. Uses no feature.
 */
package dev.mooring.platform;
