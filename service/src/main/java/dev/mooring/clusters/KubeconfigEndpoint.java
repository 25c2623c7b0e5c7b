package dev.mooring.clusters;

/**
 * Where the kubeconfigs of {@code listClusterUserCredential} point when the installation fixes it rather than
 * taking the address the caller used, and the CA they trust for it. Local mode provides one (its HTTPS port and
 * local CA), so that a kubeconfig fetched over plain HTTP still sends its token over TLS to a server kubectl
 * trusts; in production the connect feature's settings ({@code mooring.connect.public-url},
 * {@code .certificate-authority}) take precedence.
 */
public interface KubeconfigEndpoint {

    /** The base URL (scheme, host, port) kubeconfigs point at. */
    String baseUrl();

    /** PEM of the CA kubeconfigs trust for {@link #baseUrl()}, or null when clients trust it already. */
    String certificateAuthority();
}
