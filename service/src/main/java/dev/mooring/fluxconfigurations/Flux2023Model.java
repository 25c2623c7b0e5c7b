package dev.mooring.fluxconfigurations;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * 2023-05-01: Git, Bucket and Azure Blob sources only. A configuration written with a later version shows here
 * without what this version cannot name (its OCI source, the Git provider, the reconciliation wait).
 */
final class Flux2023Model implements FluxWireModel {

    @Override
    public List<String> apiVersions() {
        return List.of("2023-05-01");
    }

    @Override
    public View view(FluxConfiguration c, String resourceId) {
        FluxSpec s = c.spec();
        FluxSpec.GitRepository git = s.gitRepository() == null ? null : new FluxSpec.GitRepository(
                s.gitRepository().url(), s.gitRepository().timeoutInSeconds(), s.gitRepository().syncIntervalInSeconds(),
                s.gitRepository().repositoryRef(), s.gitRepository().sshKnownHosts(), s.gitRepository().httpsUser(),
                s.gitRepository().httpsCACert(), s.gitRepository().localAuthRef(), null);
        FluxSpec older = new FluxSpec(s.scope(), s.namespace(),
                FluxSpec.OCI_REPOSITORY.equals(s.sourceKind()) ? null : s.sourceKind(), s.suspend(), git, s.bucket(),
                s.azureBlob(), null, s.kustomizations(), null, null);
        return new View(resourceId, c.name(), FluxConfiguration.TYPE, c.systemData(), Properties.of(c, older));
    }

    @Override
    public FluxRequest readPut(JsonNode body, boolean updating) {
        return FluxRequests.read(body, false, updating);
    }
}
