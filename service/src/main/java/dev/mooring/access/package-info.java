/**
 * Authentication (bearer tokens, required claims), role assignments and definitions, RBAC evaluation, and the order of the security filter chains. Uses arm, and platform for database notifications.
 */
package dev.mooring.access;
