package dev.mooring.arm.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.testing.ServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Client mistakes below the controllers (bad encodings, unacceptable media types) are ARM 4xx errors, never 5xx. */
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestsTest extends ServiceTest {

    private HttpResponse<String> send(String pathAndQuery, String token, String accept, String method) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void assertArmError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"code\":\"" + code + "\"");
    }

    @Test
    void invalidUtf8InTheQueryIs400NamingTheParameterWithOneLogLine(CapturedOutput output) throws Exception {
        Tenant t = newTenant();
        int logged = output.getAll().length();
        assertArmError(send("/actuator/health?x=%FF", null, null, "GET"), 400, "InvalidParameter");
        assertArmError(send("/dataplane/eastus/azure-arc-k8sagents/GetLatestHelmPackagePath?releaseTrain=%FF", null,
                null, "POST"), 400, "InvalidParameter");
        HttpResponse<String> apiVersion = send(t.subscriptionPath() + "/resourcegroups?api-version=%FF", t.owner(),
                null, "GET");
        assertArmError(apiVersion, 400, "InvalidParameter");
        assertThat(apiVersion.body()).contains("api-version");
        assertArmError(send(t.subscriptionPath() + "/resourcegroups?api-version=2021-04-01&%C3%28=1", t.owner(), null,
                "GET"), 400, "InvalidParameter");
        String log = output.getAll().substring(logged);
        assertThat(log).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aNonJsonAcceptStillGetsAnArmJsonError(CapturedOutput output) throws Exception {
        Tenant t = newTenant();
        int logged = output.getAll().length();
        assertArmError(send(t.subscriptionPath() + "/resourcegroups/none?api-version=2021-04-01", t.owner(),
                "text/html", "GET"), 404, "ResourceGroupNotFound");
        assertArmError(send(t.subscriptionPath() + "/resourcegroups?api-version=2021-04-01", t.owner(),
                "image/png", "GET"), 406, "NotAcceptable");
        assertArmError(send("/no/such/route", null, "text/html", "GET"), 401, "AuthenticationFailed");
        assertThat(output.getAll().substring(logged)).doesNotContain("\tat ");
    }

    @Test
    void pathsTheServletContainerRefusesAreArmJsonErrorsToo() throws Exception {
        Tenant t = newTenant();
        for (String path : new String[] {"/subscriptions/a%2Fb/resourcegroups", "/subscriptions/%00/resourcegroups",
                "/subscriptions/%FF/resourcegroups", "/subscriptions/a%5Cb/resourcegroups"}) {
            HttpResponse<String> response = send(path + "?api-version=2021-04-01", t.owner(), null, "GET");
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body()).as(path).contains("\"code\":\"InvalidRequest\"").doesNotContain("Tomcat");
        }
    }

    @Test
    void aMalformedFormBodyIsAClientError() throws Exception {
        Tenant t = newTenant();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + t.subscriptionPath() + "/resourcegroups/form?api-version=2021-04-01"))
                    .header("Authorization", "Bearer " + t.owner())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("a=%\"")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
            assertThat(response.body()).contains("\"error\"");
        }
    }

    @Test
    void parameterNamesTheFirewallRefusesAreA400() throws Exception {
        // An unassigned code point (U+0378) in a parameter name: Spring Security's firewall refuses it when the
        // handler enumerates the parameters (the inventory checks that it knows every one).
        assertArmError(send("/inventory/v1/clusters?a%CD%B8=1", idp.anyUser().sign(), null, "GET"), 400,
                "InvalidRequest");
    }
}
