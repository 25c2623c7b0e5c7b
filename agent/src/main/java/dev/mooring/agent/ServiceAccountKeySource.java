package dev.mooring.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * Where the agent reads its cluster's service-account signing keys (public JWKs) for the OIDC issuer Mooring
 * publishes: the API server's own {@code /openid/v1/jwks}, which rotates with the cluster's keys.
 */
interface ServiceAccountKeySource {

    /** The cluster's current JWK Set document, or null when there is none to read. */
    String jwks();

    ServiceAccountKeySource NONE = () -> null;

    static ServiceAccountKeySource fromKubernetes(KubernetesClient kubernetes) {
        return () -> {
            var http = kubernetes.getHttpClient();
            String base = kubernetes.getMasterUrl().toString().replaceAll("/+$", "");
            HttpRequest request = http.newHttpRequestBuilder().uri(base + "/openid/v1/jwks").build();
            try {
                HttpResponse<String> response = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
                if (response.code() != 200) {
                    throw new IllegalStateException("The API server answered " + response.code() + " for /openid/v1/jwks");
                }
                return response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading the service-account keys", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Cannot read the service-account keys at " + base + "/openid/v1/jwks: "
                        + Failures.describe(e), e);
            }
        };
    }
}
