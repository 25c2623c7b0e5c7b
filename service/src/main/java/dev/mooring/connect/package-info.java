/**
 * Cluster connect: the relay at /connect, agent tunnels, tunnel ownership across replicas and peer links. Uses arm, access, clusters, dataplane, secrets; nothing uses it.
 */
package dev.mooring.connect;
