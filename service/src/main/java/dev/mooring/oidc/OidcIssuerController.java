package dev.mooring.oidc;

import dev.mooring.access.PublicEndpoints;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.clusters.ClusterDirectory;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A cluster's OIDC issuer, public as OIDC discovery must be: {@code /oidc/{cluster hash}/.well-known/openid-configuration}
 * and the JWKS it names, holding the cluster's service-account signing keys. Only clusters whose issuer is
 * enabled (and not self-hosted) have one; any other hash is 404.
 */
@RestController
class OidcIssuerController {

    static final String BASE = "/oidc/{hash}";
    static final String JWKS = "/openid/v1/jwks";

    private final ClusterDirectory clusters;
    private final ServiceAccountKeys keys;

    OidcIssuerController(ClusterDirectory clusters, ServiceAccountKeys keys) {
        this.clusters = clusters;
        this.keys = keys;
    }

    @Bean
    static PublicEndpoints oidcIssuersArePublic() {
        return () -> List.of("/oidc/*/.well-known/openid-configuration", "/oidc/*" + JWKS);
    }

    /** The discovery document: just what a relying party needs to verify service-account tokens. */
    record Discovery(String issuer, String jwks_uri, List<String> response_types_supported,
            List<String> subject_types_supported, List<String> id_token_signing_alg_values_supported) {
    }

    @GetMapping(BASE + "/.well-known/openid-configuration")
    ResponseEntity<Discovery> discovery(@PathVariable String hash) {
        ClusterDirectory.OidcIssuer issuer = issuer(hash);
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)))
                .body(new Discovery(issuer.issuerUrl(), issuer.issuerUrl() + JWKS.substring(1), List.of("id_token"),
                        List.of("public"), List.of("RS256", "ES256")));
    }

    @GetMapping(value = BASE + JWKS, produces = {"application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> jwks(@PathVariable String hash) {
        ClusterDirectory.OidcIssuer issuer = issuer(hash);
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)))
                .contentType(MediaType.APPLICATION_JSON)
                .body(keys.of(issuer.clusterId()).orElse("{\"keys\":[]}"));
    }

    private ClusterDirectory.OidcIssuer issuer(String hash) {
        return clusters.oidcIssuer(hash).orElseThrow(() -> ArmException.notFound("IssuerNotFound",
                "No OIDC issuer is published here: the cluster does not exist or its OIDC issuer is not enabled."));
    }
}
