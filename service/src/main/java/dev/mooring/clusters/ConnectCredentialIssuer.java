package dev.mooring.clusters;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.CallerIdentity;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Issues the cluster-connect credential that {@code listClusterUserCredential} hands out. Implemented by the
 * connect feature, which checks the same credential on every proxied request.
 */
public interface ConnectCredentialIssuer {

    /** The two ways a kubeconfig authenticates, as the API names them. */
    enum Mode {
        /** Mooring's own short-lived token in the kubeconfig; the agent impersonates the caller. */
        AAD,
        /** The caller brings a Kubernetes service-account token; Mooring's capability rides in the URL. */
        Token
    }

    /**
     * What a kubeconfig needs.
     *
     * @param server      the kubeconfig's server URL
     * @param bearerToken the kubeconfig user's token (AAD), or null when the caller brings their own (Token)
     * @param credential  the Mooring credential itself (the token, or the URL capability), for clientProxy
     * @param expires     when the credential stops working
     * @param certificateAuthority PEM of the CA the kubeconfig trusts for {@code server}, or null
     */
    record Grant(String server, String bearerToken, String credential, Instant expires, String certificateAuthority) {
    }

    /** Issues a credential for the context's caller, with the server URL on the caller's host. */
    Grant issue(ClusterReference cluster, Mode mode, Jwt callerToken, ArmContext context);
}
