package dev.mooring.access;

import java.util.function.Consumer;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadataClaimNames;

/**
 * What {@code /.well-known/oauth-protected-resource} says about Mooring: the configured issuer is its authorization
 * server, and nothing it does not do (it does not bind tokens to client certificates).
 */
final class ResourceMetadata {

    private ResourceMetadata() {
    }

    static Consumer<OAuth2ProtectedResourceMetadata.Builder> of(String issuer) {
        return metadata -> {
            if (issuer != null) {
                metadata.authorizationServer(issuer);
            }
            metadata.claims(claims -> claims.remove(
                    OAuth2ProtectedResourceMetadataClaimNames.TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS));
        };
    }
}
