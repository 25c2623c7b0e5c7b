package dev.mooring.portal;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portal's public configuration: how to sign in (local mode's one-click issuer, or the OpenID provider) and the
 * agents' data-plane URLs where configured (the page falls back to {@code {origin}/dataplane/{region}}, Mooring's
 * default). Nothing here is secret: it is what any browser needs before it has a token.
 */
@RestController
@ConditionalOnBooleanProperty(name = "mooring.portal.enabled", matchIfMissing = true)
class PortalConfigController {

    record Oidc(String authority, String clientId, String scope) {
    }

    record PortalConfig(boolean localMode, String localTokenPath, Oidc oidc, Map<String, String> dataPlaneUrls,
            String documentationUrl) {
    }

    private final PortalConfig config;

    PortalConfigController(PortalProperties properties, @Value("${mooring.local.enabled:false}") boolean localMode,
            Environment environment) {
        Oidc oidc = properties.oidcAuthority() == null ? null
                : new Oidc(properties.oidcAuthority().toString(), properties.oidcClientId(), properties.oidcScope());
        Map<String, String> dataPlaneUrls = Binder.get(environment)
                .bind("mooring.agents.data-plane-urls", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        this.config = new PortalConfig(localMode, localMode ? "/local/token" : null, oidc, Map.copyOf(dataPlaneUrls),
                properties.documentationUrl() == null ? null : properties.documentationUrl().toString());
    }

    @GetMapping(PortalWeb.PATH + "/config.json")
    PortalConfig config() {
        return config;
    }
}
