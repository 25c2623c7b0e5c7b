package dev.mooring.connect;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.PublicUrls;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.clusters.ConnectCredentialIssuer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The credentials listClusterUserCredential hands out. AAD: the kubeconfig's server is the cluster's connect
 * endpoint and its user token is Mooring's. Token: the server URL carries the same kind of token as a path
 * capability ({@code /connect/{hash}/cap/{token}}), so plain kubectl presents it while its Authorization
 * header carries the caller's own service-account token.
 */
@Component
class ConnectCredentials implements ConnectCredentialIssuer {

    static final String CAPABILITY_SEGMENT = "cap";

    private final ConnectTokens tokens;
    private final ConnectProperties properties;
    private final Clock clock;

    ConnectCredentials(ConnectTokens tokens, ConnectProperties properties, Clock clock) {
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Grant issue(ClusterReference cluster, Mode mode, Jwt callerToken, ArmContext context) {
        CallerIdentity caller = context.caller();
        Instant expires = clock.instant().plus(properties.tokenLifetime());
        String hash = cluster.connectHash();
        String token = tokens.issue(new ConnectTokens.Grant(cluster.id(), hash, mode, caller.tenantId(),
                caller.objectId(), userPrincipalName(callerToken), List.copyOf(caller.groups()), expires));
        String path = "/connect/" + hash + (mode == Mode.Token ? "/" + CAPABILITY_SEGMENT + "/" + token : "");
        String server = context.publicUrl(path).build().toUriString();
        return new Grant(server, mode == Mode.AAD ? token : null, token, expires);
    }

    private static String userPrincipalName(Jwt token) {
        if (token == null) {
            return null;
        }
        String upn = token.getClaimAsString("upn");
        return upn != null && !upn.isBlank() ? upn : null;
    }
}
