package dev.mooring.connect;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.clusters.ConnectCredentialIssuer;
import dev.mooring.clusters.KubeconfigEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The credentials listClusterUserCredential hands out. AAD: the kubeconfig's server is the cluster's connect
 * endpoint and its user token is Mooring's. Token: the server URL carries the same kind of token as a path
 * capability ({@code /connect/{hash}/cap/{token}}), so plain kubectl presents it while its Authorization
 * header carries the caller's own service-account token. The server's base URL and the CA kubeconfigs trust come
 * from {@code mooring.connect.public-url} and {@code .certificate-authority}, else from local mode (its HTTPS port
 * and local CA), else from the address the caller used.
 */
@Component
class ConnectCredentials implements ConnectCredentialIssuer {

    static final String CAPABILITY_SEGMENT = "cap";

    private final ConnectTokens tokens;
    private final ConnectProperties properties;
    private final Clock clock;
    private final KubeconfigEndpoint localEndpoint;

    ConnectCredentials(ConnectTokens tokens, ConnectProperties properties, Clock clock,
            ObjectProvider<KubeconfigEndpoint> localEndpoint) {
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
        this.localEndpoint = localEndpoint.getIfAvailable();
    }

    @Override
    public Grant issue(ClusterReference cluster, Mode mode, Jwt callerToken, ArmContext context) {
        CallerIdentity caller = context.caller();
        Instant expires = clock.instant().plus(properties.tokenLifetime());
        String hash = cluster.connectHash();
        String token = tokens.issue(new ConnectTokens.Grant(cluster.id(), hash, mode, caller.tenantId(),
                caller.objectId(), userPrincipalName(callerToken), List.copyOf(caller.groups()), expires));
        String path = "/connect/" + hash + (mode == Mode.Token ? "/" + CAPABILITY_SEGMENT + "/" + token : "");
        return new Grant(baseUrl(context) + path, mode == Mode.AAD ? token : null, token, expires,
                certificateAuthority());
    }

    /** The configured public URL, else local mode's HTTPS address, else the address the caller used. */
    private String baseUrl(ArmContext context) {
        if (properties.publicUrl() != null) {
            return properties.publicUrl();
        }
        if (localEndpoint != null) {
            return localEndpoint.baseUrl();
        }
        return context.publicUrl("").build().toUriString();
    }

    private String certificateAuthority() {
        if (properties.publicUrl() != null || properties.certificateAuthority() != null) {
            return properties.certificateAuthority();
        }
        return localEndpoint == null ? null : localEndpoint.certificateAuthority();
    }

    private static String userPrincipalName(Jwt token) {
        if (token == null) {
            return null;
        }
        String upn = token.getClaimAsString("upn");
        return upn != null && !upn.isBlank() ? upn : null;
    }
}
