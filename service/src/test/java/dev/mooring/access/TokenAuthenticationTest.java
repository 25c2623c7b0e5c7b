package dev.mooring.access;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.mooring.testing.ServiceTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every way a bearer token can be wrong gets 401, a WWW-Authenticate header and ARM's error code. */
class TokenAuthenticationTest extends ServiceTest {

    private static final String PROTECTED = "/subscriptions?api-version=2022-12-01";

    @Test
    void aValidTokenIsAccepted() {
        as(idp.anyUser().sign()).get(PROTECTED).then().statusCode(200);
    }

    @Test
    void missingTokenIsAuthenticationFailed() {
        assertUnauthorized(anonymous().get(PROTECTED).then(), "AuthenticationFailed")
                .body("error.message", containsString("'Authorization' header is missing"));
    }

    @Test
    void authorizationHeaderOfAnotherSchemeIsAuthenticationFailed() {
        assertUnauthorized(anonymous().header("Authorization", "Basic dXNlcjpwYXNz").get(PROTECTED).then(),
                "AuthenticationFailed")
                .body("error.message", containsString("invalid format"));
    }

    @Test
    void malformedTokenIsInvalidAuthenticationToken() {
        assertUnauthorized(as("not.a.jwt").get(PROTECTED).then(), "InvalidAuthenticationToken");
    }

    @Test
    void expiredTokenIsExpiredAuthenticationToken() {
        String token = idp.anyUser().expiredAgo(Duration.ofMinutes(10)).sign();
        assertUnauthorized(as(token).get(PROTECTED).then(), "ExpiredAuthenticationToken");
    }

    @Test
    void wrongAudienceIsInvalidAuthenticationToken() {
        String token = idp.anyUser().audience("https://graph.microsoft.com/").sign();
        assertUnauthorized(as(token).get(PROTECTED).then(), "InvalidAuthenticationToken")
                .body("error.message", containsString("wrong audience"))
                .body("error.message", containsString("https://management.azure.com/"));
    }

    @Test
    void wrongIssuerIsInvalidAuthenticationToken() {
        String token = idp.anyUser().issuer("https://evil.example/").sign();
        assertUnauthorized(as(token).get(PROTECTED).then(), "InvalidAuthenticationToken")
                .body("error.message", containsString("wrong issuer"));
    }

    @Test
    void tokenSignedByAnUnknownKeyIsInvalidAuthenticationToken() {
        String token = idp.anyUser().signedWithUnknownKey().sign();
        assertUnauthorized(as(token).get(PROTECTED).then(), "InvalidAuthenticationToken");
    }

    @Test
    void unsignedAlgNoneTokenIsInvalidAuthenticationToken() {
        String token = idp.anyUser().unsigned();
        assertUnauthorized(as(token).get(PROTECTED).then(), "InvalidAuthenticationToken");
    }

    @Test
    void tokenWithoutTenantClaimIsInvalidAuthenticationToken() {
        String token = idp.anyUser().without("tid").sign();
        assertUnauthorized(as(token).get(PROTECTED).then(), "InvalidAuthenticationToken")
                .body("error.message", containsString("'tid'"));
    }

    @Test
    void errorMessagesNeverRepeatTheToken() {
        String token = idp.anyUser().issuer("https://evil.example/").sign();
        as(token).get(PROTECTED).then().statusCode(401)
                .body(not(containsString(token.substring(token.lastIndexOf('.') + 1))));
    }

    private static ValidatableResponse assertUnauthorized(ValidatableResponse response, String code) {
        return response.statusCode(401)
                .contentType("application/json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("x-ms-request-id", not(equalTo(null)))
                .body("error.code", equalTo(code))
                .body("error.message", not(equalTo(null)));
    }
}
