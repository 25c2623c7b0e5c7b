package dev.mooring.clusters;

import dev.mooring.arm.ArmContext;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.JsonFields;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code listClusterUserCredential}: a kubeconfig whose server is Mooring's connect endpoint for the cluster
 * ({@code {public base}/connect/{sha256 of the lower-cased resource id}}, the same hash the az CLI uses to
 * recognise proxy kubeconfigs), with the credential the connect feature issues: in AAD mode a short-lived token
 * of Mooring's as the kubeconfig user's token; in Token mode a capability in the server URL and a placeholder
 * for the caller's own service-account token; with {@code certificate-authority-data} when the installation names
 * the CA of its connect endpoint ({@link KubeconfigEndpoint}). {@code clientProxy} adds the same credential as
 * {@code hybridConnectionConfig} (relay = the connect endpoint's base; from 2024-07-15-preview also relayTid, the
 * subscription's tenant, and relayType {@value #RELAY_TYPE}).
 */
@Component
class ClusterCredentials {

    static final List<String> METHODS = List.of("Token", "AAD");
    /** What Token-mode kubeconfigs carry until the user sets their own token (docs/cluster-connect.md). */
    static final String TOKEN_PLACEHOLDER = "REPLACE-WITH-SERVICE-ACCOUNT-TOKEN";

    private final ConnectCredentialIssuer issuer;

    ClusterCredentials(ConnectCredentialIssuer issuer) {
        this.issuer = issuer;
    }

    record Request(ConnectCredentialIssuer.Mode mode, boolean clientProxy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Results(HybridConnectionConfig hybridConnectionConfig, List<Kubeconfig> kubeconfigs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HybridConnectionConfig(Long expirationTime, String hybridConnectionName, String relay, String token,
            String relayTid, String relayType) {
    }

    /** What {@code relayType} names in the versions that have it: the relay is Mooring's connect endpoint. */
    static final String RELAY_TYPE = "Mooring";

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
        return new Request(ConnectCredentialIssuer.Mode.valueOf(JsonFields.oneOf(method, METHODS, "authenticationMethod")),
                clientProxy);
    }

    Results issue(ConnectedCluster cluster, Request request, Jwt callerToken, ArmContext context) {
        ConnectCredentialIssuer.Grant grant = issuer.issue(ClusterReference.of(cluster), request.mode(), callerToken, context);
        String user = "clusterUser_" + cluster.resourceGroupName() + "_" + cluster.name();
        String token = grant.bearerToken() != null ? grant.bearerToken() : TOKEN_PLACEHOLDER;
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                %5$scontexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %3$s
                current-context: %1$s
                users:
                - name: %3$s
                  user:
                    token: %4$s
                """.formatted(cluster.name(), grant.server(), user, token, grant.certificateAuthority() == null ? ""
                : "    certificate-authority-data: " + Base64.getEncoder().encodeToString(
                        grant.certificateAuthority().getBytes(StandardCharsets.UTF_8)) + "\n");
        HybridConnectionConfig hybrid = null;
        if (request.clientProxy()) {
            String hash = hash(cluster.resourceId());
            String relay = grant.server().substring(0, grant.server().indexOf("/connect/") + "/connect".length());
            // Named the way Arc names its hybrid connections: provider type, cluster hash, issue stamp.
            boolean namesRelay = ClusterApiVersions.credentialsNameRelay(context.apiVersion());
            hybrid = new HybridConnectionConfig(grant.expires().getEpochSecond(),
                    "microsoft.kubernetes/connectedclusters/" + hash + "/" + grant.expires().toEpochMilli(), relay,
                    grant.credential(), namesRelay ? context.tenant().toString() : null, namesRelay ? RELAY_TYPE : null);
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
