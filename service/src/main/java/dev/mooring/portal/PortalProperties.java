package dev.mooring.portal;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The portal ({@code mooring.portal.*}).
 *
 * @param enabled       serve the portal at {@code /portal/}
 * @param oidcAuthority the OpenID Connect issuer users sign in with (authorization code + PKCE in the browser);
 *                      its {@code /.well-known/openid-configuration} must allow the portal's origin (CORS). Unset:
 *                      only local mode's one-click sign-in is offered
 * @param oidcClientId  the portal's client id (a public "single-page application" client at the provider)
 * @param oidcScope     the scopes asked for; the access token must carry an audience Mooring accepts
 * @param documentationUrl where users read Mooring's README (the connect page links its "Connect a cluster"
 *                      section); unset: the page names the section without a link
 */
@ConfigurationProperties("mooring.portal")
@Validated
record PortalProperties(@DefaultValue("true") boolean enabled, URI oidcAuthority, String oidcClientId,
        @DefaultValue("openid profile https://management.azure.com/.default") @NotBlank String oidcScope,
        URI documentationUrl) {

    @AssertTrue(message = "mooring.portal.oidc-authority must be an absolute https URL, and mooring.portal.oidc-client-id"
            + " must be set with it")
    boolean isOidcComplete() {
        if (oidcAuthority == null) {
            return oidcClientId == null || oidcClientId.isBlank();
        }
        return "https".equalsIgnoreCase(oidcAuthority.getScheme()) && oidcAuthority.getHost() != null
                && oidcClientId != null && !oidcClientId.isBlank();
    }

    @AssertTrue(message = "mooring.portal.documentation-url must be an absolute http or https URL")
    boolean isDocumentationUrlWeb() {
        return documentationUrl == null || "https".equalsIgnoreCase(documentationUrl.getScheme())
                || "http".equalsIgnoreCase(documentationUrl.getScheme());
    }

    /** The origin the browser fetches discovery and tokens from ({@code connect-src}); null without OIDC. */
    String oidcOrigin() {
        if (oidcAuthority == null) {
            return null;
        }
        int port = oidcAuthority.getPort();
        return "https://" + oidcAuthority.getHost() + (port == -1 || port == 443 ? "" : ":" + port);
    }
}
