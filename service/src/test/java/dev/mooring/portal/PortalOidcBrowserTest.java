package dev.mooring.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.testing.ServiceTest;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production sign-in in a real browser: authorization code with PKCE against an OpenID provider, the token kept
 * out of addresses and cookies, and the page then calling the API with it.
 */
class PortalOidcBrowserTest extends ServiceTest {

    private static final AtomicReference<String> ISSUED = new AtomicReference<>();
    private static final FakeOpenIdProvider PROVIDER = provider();
    private static Browser browser;

    @DynamicPropertySource
    static void openIdProvider(DynamicPropertyRegistry registry) {
        registry.add("mooring.portal.oidc-authority", PROVIDER::authority);
        registry.add("mooring.portal.oidc-client-id", () -> "mooring-portal");
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        // The provider's certificate is a throwaway one.
        browser = Browser.start("--ignore-certificate-errors");
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        PROVIDER.close();
    }

    @Test
    void signsInWithAnAuthorizationCodeAndPkceAndKeepsTheTokenOutOfAddressesAndCookies() {
        Tenant tenant = newTenant();
        String token = tenant.owner();
        ISSUED.set(token);
        String portal = "http://localhost:" + port + "/portal/";

        browser.open(portal + "#/");
        browser.click("[data-test=sign-in-oidc]");
        browser.waitForText("main", "Test subscription");

        assertThat(PROVIDER.lastAuthorization)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", "mooring-portal")
                .containsEntry("redirect_uri", portal)
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("code_challenge", "state");
        assertThat(PROVIDER.lastTokenRequest).containsKey("code_verifier").doesNotContainKey("client_secret");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(portal + "#/");
        assertThat(browser.driver.manage().getCookies()).isEmpty();
        assertThat(browser.script("return JSON.parse(sessionStorage.getItem('mooring.portal.token')).accessToken"))
                .isEqualTo(token);
        browser.assertNoContentSecurityPolicyViolations();
    }

    private static FakeOpenIdProvider provider() {
        try {
            return new FakeOpenIdProvider(ISSUED::get);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
