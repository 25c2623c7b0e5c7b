package dev.mooring.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;

import dev.mooring.testing.ServiceTest;
import dev.mooring.testing.TestIdentityProvider;
import org.junit.jupiter.api.Test;

/** What Mooring says about itself: no actuator index, no internal routes, resource metadata that is true. */
class ExposureTest extends ServiceTest {

    @Test
    void theActuatorIndexIsNotServed() {
        as(idp.anyUser().sign()).get("/actuator").then().statusCode(404).body("error.code", equalTo("NotFound"));
    }

    @Test
    void theOpenApiDocumentOmitsThePeerLink() {
        anonymous().get("/v3/api-docs").then().statusCode(200).body(not(containsString("/internal/connect/peer")));
    }

    @Test
    void theProtectedResourceMetadataNamesTheIssuerAndClaimsNoCertificateBinding() {
        anonymous().get("/.well-known/oauth-protected-resource").then().statusCode(200)
                .body("authorization_servers", hasItem(TestIdentityProvider.ISSUER))
                .body("tls_client_certificate_bound_access_tokens", nullValue());
    }
}
