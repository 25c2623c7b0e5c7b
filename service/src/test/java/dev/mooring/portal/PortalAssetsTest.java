package dev.mooring.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.mooring.testing.ServiceTest;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The portal's assets are public and locked down by headers; they open no door to the API. */
class PortalAssetsTest extends ServiceTest {

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Test
    void thePageIsServedAnonymouslyWithAStrictContentSecurityPolicy() {
        Response page = anonymous().get("/portal/");
        page.then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", equalTo(CSP))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"));
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page.asString());
        int count = 0;
        while (scripts.find()) {
            assertThat(scripts.group(1)).as("every script is a file of the portal's own origin").contains("src=\"");
            count++;
        }
        assertThat(count).isEqualTo(2);
        assertThat(page.asString()).doesNotContain(" style=").doesNotContainPattern(" on[a-z]+=");
    }

    @Test
    void thePortalPathWithoutASlashRedirectsToThePage() {
        anonymous().redirects().follow(false).get("/portal").then().statusCode(302)
                .header("Location", endsWith("/portal/"));
    }

    @Test
    void scriptsAndLibrariesAreServedAsJavaScriptWithoutAVersionInThePath() {
        for (String script : new String[] {"/portal/js/app.js", "/portal/lib/lit-html/lit-html.js",
                "/portal/lib/chart.js/dist/chart.umd.min.js"}) {
            anonymous().get(script).then().statusCode(200)
                    .contentType(containsString("javascript"))
                    .header("Content-Security-Policy", equalTo(CSP));
        }
    }

    @Test
    void theConfigurationSaysHowToSignInAndNothingSecret() {
        anonymous().get("/portal/config.json").then().statusCode(200)
                .body("localMode", equalTo(false))
                .body("localTokenPath", nullValue())
                .body("oidc", nullValue());
    }

    @Test
    void theApiStillWantsATokenAndTheLibrariesOutsideThePortalAreNotOpened() {
        anonymous().get("/subscriptions?api-version=2022-12-01").then().statusCode(401);
        anonymous().get("/portal/../subscriptions?api-version=2022-12-01").then().statusCode(org.hamcrest.Matchers
                .either(equalTo(400)).or(equalTo(401)));
        anonymous().get("/webjars/lit-html/3.3.1/lit-html.js").then().statusCode(401);
    }

    @Test
    void aMissingAssetIsA404NotAnErrorPage() {
        anonymous().get("/portal/js/nothing-here.js").then().statusCode(404);
    }
}
