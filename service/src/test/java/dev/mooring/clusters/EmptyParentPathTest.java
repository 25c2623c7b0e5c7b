package dev.mooring.clusters;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The provider path with an empty parent path ({@code .../providers/{ns}//{type}/{name}}), which
 * {@code az resource create/show/delete -g -n --resource-type} always sends, works for every operation on the
 * resource; other empty segments are refused with an ARM error saying where. Sent with the JDK's client, which
 * leaves {@code //} as it is.
 */
class EmptyParentPathTest extends ClusterTest {

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void theEmptyParentPathFormServesEveryOperationOnTheResource() throws Exception {
        Tenant t = readyTenant();
        String generic = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes//connectedClusters/edge";
        String id = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/edge";

        HttpResponse<String> created = send("PUT", generic + "?api-version=" + V2024, t.owner(),
                connectBody("eastus", OnboardingKeys.any()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"id\":\"" + id + "\"");
        assertThat(created.headers().firstValue("Azure-AsyncOperation")).isPresent();
        eventually(() -> assertThat(send("GET", generic + "?api-version=" + V2024, t.owner(), null).body())
                .contains("\"provisioningState\":\"Succeeded\""));

        HttpResponse<String> read = send("GET", generic + "?api-version=" + V2024, t.owner(), null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"id\":\"" + id + "\"");
        HttpResponse<String> patched = send("PATCH", generic + "?api-version=" + V2024, t.owner(),
                "{\"tags\":{\"team\":\"edge\"}}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(patched.body()).contains("\"team\":\"edge\"");
        HttpResponse<String> credentials = send("POST", generic + "/listClusterUserCredential?api-version=" + V2024,
                t.owner(), "{\"authenticationMethod\":\"AAD\",\"clientProxy\":false}");
        assertThat(credentials.statusCode()).as(credentials.body()).isEqualTo(200);

        HttpResponse<String> deleted = send("DELETE", generic + "?api-version=" + V2024, t.owner(), null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
        eventually(() -> assertThat(send("GET", id + "?api-version=" + V2024, t.owner(), null).statusCode()).isEqualTo(404));
        assertThat(send("GET", generic + "?api-version=" + V2024, t.owner(), null).statusCode()).isEqualTo(404);
    }

    /** A base URL ending in '/' joined with an absolute path, as az cloud register reads the metadata. */
    @Test
    void aLeadingDoubleSlashIsServedAsOne() throws Exception {
        Tenant t = readyTenant();
        HttpResponse<String> metadata = send("GET", "//metadata/endpoints?api-version=2015-01-01", t.owner(), null);
        assertThat(metadata.statusCode()).as(metadata.body()).isEqualTo(200);
        assertThat(metadata.body()).contains("\"loginEndpoint\"");
        HttpResponse<String> groups = send("GET", "/" + t.subscriptionPath() + "/resourcegroups?api-version=2021-04-01",
                t.owner(), null);
        assertThat(groups.statusCode()).as(groups.body()).isEqualTo(200);
    }

    @Test
    void otherEmptySegmentsAreRefusedSayingWhere() throws Exception {
        Tenant t = readyTenant();
        for (String path : new String[] {
                t.subscriptionPath() + "//resourceGroups/rg",
                t.subscriptionPath() + "/resourceGroups/rg/providers//Microsoft.Kubernetes/connectedClusters/edge",
                t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes///connectedClusters/edge",
                t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters//edge",
                t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes//connectedClusters/edge//"}) {
            HttpResponse<String> refused = send("GET", path + "?api-version=" + V2024, t.owner(), null);
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(refused.body()).as(path).contains("\"code\":\"InvalidRequestPath\"")
                    .contains("empty segment ('//') after '");
        }
        HttpResponse<String> refused = send("GET", t.subscriptionPath() + "//resourceGroups/rg?api-version=" + V2024,
                t.owner(), null);
        assertThat(refused.body()).contains("after '" + t.subscriptionPath() + "'");
    }
}
