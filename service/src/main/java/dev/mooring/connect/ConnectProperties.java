package dev.mooring.connect;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cluster connect ({@code mooring.connect.*}).
 *
 * @param tokenLifetime        how long a credential from listClusterUserCredential works
 * @param maxStreamsPerCluster concurrent requests (watches, exec sessions...) one cluster's tunnels carry
 * @param dialTimeout          how long the agent may take to reach its API server; the user gets 504 after it
 * @param keepAlive            ping interval on tunnels, both ends
 * @param deadAfter            a tunnel whose peer was silent this long is closed
 * @param peerUrl              this replica's address as the other replicas reach it (e.g. the pod IP URL);
 *                             unset: {@code http://localhost:{port}}, right for one machine only
 * @param replicaLease         a replica that has not renewed its row for this long owns no tunnels any more
 * @param publicUrl            the base URL (scheme, host, port) that kubeconfigs from listClusterUserCredential
 *                             point at, e.g. {@code https://mooring.example.com}; unset: the URL the caller used
 *                             (in local mode: its HTTPS port)
 * @param certificateAuthority PEM of the CA that signed the certificate served at that URL, written into kubeconfigs
 *                             as {@code certificate-authority-data}; unset: none (clients trust it already)
 */
@ConfigurationProperties("mooring.connect")
@Validated
record ConnectProperties(
        @DefaultValue("1h") Duration tokenLifetime,
        @DefaultValue("250") @Min(1) @Max(10_000) int maxStreamsPerCluster,
        @DefaultValue("10s") Duration dialTimeout,
        @DefaultValue("15s") Duration keepAlive,
        @DefaultValue("45s") Duration deadAfter,
        String peerUrl,
        @DefaultValue("30s") Duration replicaLease,
        @Pattern(regexp = "https?://[^/?#]+", message = "must be a base URL such as https://mooring.example.com")
        String publicUrl,
        @Pattern(regexp = "(?s)\\s*-----BEGIN CERTIFICATE-----.*", message = "must be a PEM certificate")
        String certificateAuthority) {
}
