package dev.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * fluxComplianceState (clusters with at least one flux configuration in one of the given states) and extensionType /
 * extensionVersion (clusters running an extension of that type and version).
 */
class InventoryGitOpsFiltersTest extends InventoryTestBase {

    private static final String GIT = """
            {"properties":{"gitRepository":{"url":"https://github.com/example/fleet","repositoryRef":{"branch":"main"}},
             "kustomizations":{"apps":{"path":"./apps"}}}}""";

    @Test
    void clustersNonCompliantForAnyFluxConfiguration() {
        Tenant t = readyTenant("rg");
        registerProvider(t, "Microsoft.KubernetesConfiguration");
        String admin = admin();
        String sub = "subscriptionId=" + t.subscriptionId() + "&";
        for (String name : new String[] {"alpha", "bravo", "charlie"}) {
            connect(t, "rg", name, "eastus", "{}", "k3s", "generic");
        }
        awaitProvisioned(t);
        flux(t, "alpha", "infra");
        flux(t, "alpha", "apps");
        flux(t, "bravo", "infra");
        compliance(t, "alpha", "apps", "Non-Compliant");
        compliance(t, "alpha", "infra", "Compliant");
        compliance(t, "bravo", "infra", "Compliant");

        assertThat(names(admin, sub + "fluxComplianceState=non-compliant")).containsExactly("alpha");
        assertThat(names(admin, sub + "fluxComplianceState=Compliant")).containsExactly("alpha", "bravo");
        assertThat(names(admin, sub + "fluxComplianceState=Pending")).isEmpty();
        badRequest(admin, INVENTORY + "/clusters?fluxComplianceState=Broken", "InvalidParameter");

        // Creating the flux configurations installed microsoft.flux on alpha and bravo; charlie gets cert-manager.
        as(t.owner()).contentType("application/json").body("{\"properties\":{\"extensionType\":\"jetstack.cert-manager\","
                + "\"scope\":{\"cluster\":{\"releaseNamespace\":\"cert-manager\"}}}}").put(t.subscriptionPath()
                + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/charlie/providers"
                + "/Microsoft.KubernetesConfiguration/extensions/certs?api-version=2025-03-01").then().statusCode(201);
        running(t, "alpha", "1.15.1");
        running(t, "bravo", "1.14.0");
        assertThat(names(admin, sub + "extensionType=MICROSOFT.FLUX")).containsExactly("alpha", "bravo");
        assertThat(names(admin, sub + "extensionType=microsoft.flux&extensionVersion=1.14.0")).containsExactly("bravo");
        assertThat(names(admin, sub + "extensionType=jetstack.cert-manager&extensionVersion=1.14.0")).isEmpty();
        assertThat(names(admin, sub + "extensionType=jetstack.cert-manager,microsoft.flux&fluxComplianceState=Pending"))
                .isEmpty();
        assertThat(names(admin, sub + "extensionType=jetstack.cert-manager")).containsExactly("charlie");
    }

    /** What the cluster's agent would report as the flux extension's running version. */
    private void running(Tenant t, String cluster, String version) {
        UUID id = clusters.find(t.subscriptionId(), "rg", cluster).orElseThrow().id();
        assertThat(jdbc.update("update cluster_extensions set current_version = ? where cluster_id = ?"
                + " and extension_type = 'microsoft.flux'", version, id)).isOne();
    }

    private void flux(Tenant t, String cluster, String name) {
        as(t.owner()).contentType("application/json").body(GIT).put(t.subscriptionPath() + "/resourceGroups/rg/providers"
                + "/Microsoft.Kubernetes/connectedClusters/" + cluster + "/providers/Microsoft.KubernetesConfiguration"
                + "/fluxConfigurations/" + name + "?api-version=2025-04-01").then().statusCode(201);
    }

    /** What the cluster's agent would report (the status path itself is the flux configurations' tests' business). */
    private void compliance(Tenant t, String cluster, String name, String state) {
        UUID id = clusters.find(t.subscriptionId(), "rg", cluster).orElseThrow().id();
        assertThat(jdbc.update("update flux_configurations set compliance_state = ? where cluster_id = ? and name_key = ?",
                state, id, name)).isOne();
    }
}
