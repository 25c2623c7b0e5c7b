/**
 * ARM's error shape and the handlers that turn every failure into it. Part of arm; uses no feature.
 */
package dev.mooring.arm.errors;
