/**
 * ARM list paging with keyset skip tokens. Part of arm; uses no feature.
 */
package dev.mooring.arm.paging;
