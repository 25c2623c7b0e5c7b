/**
 * Authentication (bearer tokens, required claims), role assignments and definitions, RBAC evaluation, and the order of the security filter chains. Uses arm.
 */
package dev.mooring.access;
