package dev.mooring.local;

import dev.mooring.access.SignInAuthority;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Local mode's issuer as an ADFS-style authority ({@value #AUTHORITY}), the shape MSAL (and so the Azure CLI and
 * SDKs) accepts for a custom cloud without instance discovery: OIDC discovery, the signing keys, and OAuth 2.0
 * client credentials at {@value #TOKEN_PATH} for the seeded service principal ({@code client_id} and
 * {@code client_secret}, in the form or as HTTP Basic; {@code scope} {@code {audience}/.default} or
 * {@code resource}). Loopback callers only, like {@code /local/token}. Errors are OAuth 2.0 errors (RFC 6749
 * 5.2), which is what OAuth clients read.
 */
@RestController
@ConditionalOnBooleanProperty("mooring.local.enabled")
class AdfsAuthority implements SignInAuthority {

    static final String AUTHORITY = "/adfs";
    static final String DISCOVERY_PATH = AUTHORITY + "/.well-known/openid-configuration";
    static final String KEYS_PATH = AUTHORITY + "/discovery/keys";
    static final String TOKEN_PATH = AUTHORITY + "/oauth2/token";
    static final String AUTHORIZE_PATH = AUTHORITY + "/oauth2/authorize";
    /** Scopes OAuth clients add to every request; they ask for nothing here. */
    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access");

    private final DevTokenIssuer issuer;
    private final DevIssuerKey key;
    private final LocalClients clients;
    private final LocalHttps https;
    private final LocalModeProperties properties;

    AdfsAuthority(DevTokenIssuer issuer, DevIssuerKey key, LocalClients clients, LocalHttps https,
            LocalModeProperties properties) {
        this.issuer = issuer;
        this.key = key;
        this.clients = clients;
        this.https = https;
        this.properties = properties;
    }

    @Override
    public String loginEndpoint(HttpServletRequest request) {
        String host = request.getServerName();
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + https.port() + AUTHORITY;
    }

    @Override
    public String tenant() {
        return "adfs";
    }

    @Override
    public String identityProvider() {
        return "ADFS";
    }

    @GetMapping(DISCOVERY_PATH)
    ResponseEntity<Map<String, Object>> discovery(HttpServletRequest request) {
        DevTokenIssuer.requireLoopback(request);
        String authority = loginEndpoint(request);
        Map<String, Object> document = new LinkedHashMap<>();
        // The issuer of the tokens (what a JWT library checks against them), as ADFS's differs from its authority too.
        document.put("issuer", properties.issuer());
        document.put("authorization_endpoint", authority + "/oauth2/authorize");
        document.put("token_endpoint", authority + "/oauth2/token");
        document.put("jwks_uri", authority + "/discovery/keys");
        document.put("response_types_supported", List.of("token"));
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
        document.put("scopes_supported", issuer.audiences().stream().map(AdfsAuthority::defaultScope).toList());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(document);
    }

    @GetMapping(KEYS_PATH)
    Map<String, Object> keys(HttpServletRequest request) {
        DevTokenIssuer.requireLoopback(request);
        return key.publicJwks();
    }

    /** Only client credentials are served: there is no one here to sign in interactively. */
    @GetMapping(AUTHORIZE_PATH)
    ResponseEntity<Map<String, String>> authorize(HttpServletRequest request) {
        DevTokenIssuer.requireLoopback(request);
        return error(HttpStatus.BAD_REQUEST, "unsupported_response_type", "This development authority serves only"
                + " the client credentials grant at " + TOKEN_PATH + " (az login --service-principal).");
    }

    @PostMapping(path = TOKEN_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> token(@RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "client_secret", required = false) String clientSecret,
            @RequestParam(name = "scope", required = false) String scope,
            @RequestParam(name = "resource", required = false) String resource, HttpServletRequest request) {
        DevTokenIssuer.requireLoopback(request);
        if (!"client_credentials".equals(grantType)) {
            return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "Only grant_type=client_credentials is supported.");
        }
        String[] basic = basicCredentials(request.getHeader(HttpHeaders.AUTHORIZATION));
        String id = basic != null ? basic[0] : clientId;
        String secret = basic != null ? basic[1] : clientSecret;
        Optional<LocalClients.Client> client = clients.authenticate(id, secret);
        if (client.isEmpty()) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "Unknown client or wrong secret. The local service"
                    + " principal's client id is " + properties.clientId() + "; its secret is in "
                    + LocalClients.SECRET_FILE + " under the local data directory's dev-issuer folder.");
        }
        Optional<String> audience = audience(scope, resource);
        if (audience.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_scope", "Ask for one of " + issuer.audiences().stream()
                    .map(AdfsAuthority::defaultScope).toList() + " as scope (or its resource as resource).");
        }
        DevTokenIssuer.TokenResponse minted = issuer.issue(new DevTokenIssuer.TokenRequest(client.get().objectId(),
                properties.tenantId().toString(), null, client.get().clientId(), null, null), audience.get());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", minted.access_token());
        body.put("token_type", minted.token_type());
        body.put("expires_in", minted.expires_in());
        body.put("expires_on", minted.expires_on());
        body.put("resource", audience.get());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache").body(body);
    }

    /** The audience asked for: {@code {audience}/.default} among the scopes (OIDC ones aside), or the resource. */
    private Optional<String> audience(String scope, String resource) {
        List<String> asked = scope == null ? List.of() : Arrays.stream(scope.trim().split("\\s+"))
                .filter(s -> !s.isEmpty() && !OIDC_SCOPES.contains(s.toLowerCase(Locale.ROOT))).toList();
        String wanted;
        if (!asked.isEmpty()) {
            if (asked.size() != 1 || !asked.getFirst().endsWith("/.default")) {
                return Optional.empty();
            }
            wanted = asked.getFirst().substring(0, asked.getFirst().length() - "/.default".length());
        } else {
            wanted = resource;
        }
        if (wanted == null) {
            return Optional.empty();
        }
        String normalized = trimSlashes(wanted);
        return issuer.audiences().stream().filter(a -> trimSlashes(a).equalsIgnoreCase(normalized)).findFirst();
    }

    private static String defaultScope(String audience) {
        return audience + (audience.endsWith("/") ? "" : "/") + ".default";
    }

    private static String trimSlashes(String text) {
        String trimmed = text;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** {@code [id, secret]} from an HTTP Basic header (form-urlencoded parts, RFC 6749 2.3.1), or null. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String code, String description) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .body(Map.of("error", code, "error_description", description));
    }
}
