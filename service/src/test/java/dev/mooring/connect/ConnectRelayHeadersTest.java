package dev.mooring.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.clusters.ConnectCredentialIssuer.Mode;
import dev.mooring.testing.ServiceTest;
import dev.mooring.tunnel.ProxyRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** What the relay passes into a tunnel, and how its own answers look. */
class ConnectRelayHeadersTest extends ServiceTest {

    @Test
    void callersImpersonationHeadersNeverEnterTheTunnelWhateverTheMode() {
        for (Mode mode : Mode.values()) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/connect/x/api/v1/namespaces");
            request.addHeader("Accept", "application/json");
            request.addHeader("Impersonate-User", "system:admin");
            request.addHeader("impersonate-group", "system:masters");
            request.addHeader("Impersonate-Uid", "0");
            request.addHeader("Impersonate-Extra-scopes", "all");
            request.addHeader("Authorization", "Bearer t");
            assertThat(ConnectServlet.headers(request, mode, false)).extracting(ProxyRequest.Header::name)
                    .as(mode.name()).contains("Accept")
                    .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("impersonate-"));
        }
    }

    @Test
    void theRelaysOwnErrorsForbidContentSniffing() {
        anonymous().get("/connect/not-a-hash").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
        anonymous().get("/connect/" + "a".repeat(64) + "/api").then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff");
    }
}
