package dev.mooring.clusters;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.ArmException;
import dev.mooring.arm.JsonFields;
import dev.mooring.arm.PublicUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code listClusterUserCredential}: a kubeconfig whose server is Mooring's connect endpoint for the cluster
 * ({@code {public base}/connect/{sha256 of the lower-cased resource id}}, the same hash the az CLI uses to
 * recognise proxy kubeconfigs). The tunnel behind that endpoint and the credentials it checks arrive with
 * cluster connect; until then the kubeconfig carries no user credential of Mooring's.
 */
@Component
class ClusterCredentials {

    static final List<String> METHODS = List.of("Token", "AAD");
    private static final Duration CONFIG_LIFETIME = Duration.ofHours(1);

    private final Clock clock;

    ClusterCredentials(Clock clock) {
        this.clock = clock;
    }

    record Request(String authenticationMethod, boolean clientProxy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Results(HybridConnectionConfig hybridConnectionConfig, List<Kubeconfig> kubeconfigs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HybridConnectionConfig(Long expirationTime, String hybridConnectionName, String relay, String token) {
    }

    record Kubeconfig(String name, String value) {
    }

    static Request read(JsonNode body) {
        JsonFields.requireObject(body, "body");
        String method = JsonFields.string(body, "authenticationMethod", "authenticationMethod");
        Boolean clientProxy = JsonFields.bool(body, "clientProxy", "clientProxy");
        if (method == null || clientProxy == null) {
            throw ArmException.badRequest("InvalidParameter",
                    "Both 'authenticationMethod' (Token or AAD) and 'clientProxy' (true or false) are required.",
                    method == null ? "authenticationMethod" : "clientProxy");
        }
        return new Request(JsonFields.oneOf(method, METHODS, "authenticationMethod"), clientProxy);
    }

    Results issue(ConnectedCluster cluster, Request request, HttpServletRequest http) {
        String hash = hash(cluster.resourceId());
        String server = PublicUrls.baseUrl(http, "/connect/" + hash).build().toUriString();
        String user = "clusterUser_" + cluster.resourceGroupName() + "_" + cluster.name();
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %3$s
                current-context: %1$s
                users:
                - name: %3$s
                  user: {}
                """.formatted(cluster.name(), server, user);
        HybridConnectionConfig hybrid = null;
        if (request.clientProxy()) {
            Instant now = clock.instant();
            hybrid = new HybridConnectionConfig(now.plus(CONFIG_LIFETIME).getEpochSecond(),
                    "microsoft.kubernetes/connectedclusters/" + hash + "/" + now.toEpochMilli(), "mooring", null);
        }
        return new Results(hybrid, List.of(new Kubeconfig("credentialName1",
                Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)))));
    }

    /** SHA-256 of the lower-cased resource id, hex: the cluster's segment in the connect endpoint. */
    static String hash(String resourceId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(resourceId.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
