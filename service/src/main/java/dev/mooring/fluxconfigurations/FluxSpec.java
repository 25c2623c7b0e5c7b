package dev.mooring.fluxconfigurations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What a flux configuration asks for, in version-free terms, validated and with defaults applied. It holds no
 * secret: protected settings and the secret fields of the sources travel beside it, sealed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FluxSpec(String scope, String namespace, String sourceKind, boolean suspend, GitRepository gitRepository,
        Bucket bucket, AzureBlob azureBlob, OciRepository ociRepository, Map<String, Kustomization> kustomizations,
        Boolean waitForReconciliation, String reconciliationWaitDuration) {

    static final String GIT_REPOSITORY = "GitRepository";
    static final String BUCKET = "Bucket";
    static final String AZURE_BLOB = "AzureBlob";
    static final String OCI_REPOSITORY = "OCIRepository";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GitRepository(String url, Integer timeoutInSeconds, Integer syncIntervalInSeconds,
            RepositoryRef repositoryRef, String sshKnownHosts, String httpsUser, String httpsCACert,
            String localAuthRef, String provider) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RepositoryRef(String branch, String tag, String semver, String commit) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Bucket(String url, String bucketName, Boolean insecure, Integer timeoutInSeconds,
            Integer syncIntervalInSeconds, String accessKey, String localAuthRef) {
    }

    /** The account key, SAS token and the service principal's secrets are sealed, not here. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AzureBlob(String url, String containerName, Integer timeoutInSeconds, Integer syncIntervalInSeconds,
            ServicePrincipal servicePrincipal, ManagedIdentity managedIdentity, String localAuthRef) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServicePrincipal(String clientId, String tenantId, Boolean clientCertificateSendChain) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ManagedIdentity(String clientId) {
    }

    /** The TLS client certificate, key and CA are sealed, not here. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OciRepository(String url, Integer timeoutInSeconds, Integer syncIntervalInSeconds, OciRef repositoryRef,
            LayerSelector layerSelector, Verify verify, Boolean insecure, Boolean useWorkloadIdentity,
            String serviceAccountName, String localAuthRef) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OciRef(String tag, String semver, String digest) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LayerSelector(String mediaType, String operation) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verify(String provider, Map<String, String> verificationConfig, List<OidcIdentity> matchOidcIdentity) {
    }

    record OidcIdentity(String issuer, String subject) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Kustomization(String name, String path, List<String> dependsOn, Integer timeoutInSeconds,
            Integer syncIntervalInSeconds, Integer retryIntervalInSeconds, Boolean prune, Boolean force,
            @JsonProperty("wait") Boolean waitForReady, PostBuild postBuild) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PostBuild(Map<String, String> substitute, List<SubstituteFrom> substituteFrom) {
    }

    record SubstituteFrom(String kind, String name, boolean optional) {
    }
}
