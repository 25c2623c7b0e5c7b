package dev.mooring.extensions;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.configurations.DesiredStateSection;
import dev.mooring.configurations.DesiredStateVersions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The {@code extensions} section of a cluster's desired state: each extension with its chart and settings (the
 * protected ones open, for the cluster's own agent only), to install or remove; and the agent's reports, which
 * move the extension's state and complete its running operation.
 */
@Component
class ExtensionSection implements DesiredStateSection {

    static final String NAME = "extensions";

    /** The Helm chart to install: a Helm repository (https://) or OCI registry path (oci://), name and version. */
    record Chart(String repository, String name, String version) {
    }

    /** One extension as the agent applies it ({@code desiredState}: apply or remove). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeliveredExtension(String name, String desiredState, String extensionType, String version,
            String releaseTrain, String scope, String namespace, Chart chart, Map<String, String> configurationSettings,
            Map<String, String> protectedSettings, String identityPrincipalId) implements Entry {

        /** Never prints the protected settings. */
        @Override
        public String toString() {
            return "DeliveredExtension[" + name + ", " + desiredState + ", " + extensionType + " " + version + "]";
        }
    }

    private final ExtensionRepository repository;
    private final Extensions extensions;
    private final ExtensionCatalogue catalogue;
    private final AsyncOperations operations;
    private final DesiredStateVersions versions;
    private final Clock clock;

    ExtensionSection(ExtensionRepository repository, Extensions extensions, ExtensionCatalogue catalogue,
            AsyncOperations operations, DesiredStateVersions versions, Clock clock) {
        this.repository = repository;
        this.extensions = extensions;
        this.catalogue = catalogue;
        this.operations = operations;
        this.versions = versions;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    @Transactional
    public List<DeliveredExtension> entries(ClusterReference cluster) {
        List<DeliveredExtension> delivered = repository.allOf(cluster.id()).stream().map(this::delivered).toList();
        repository.markFetched(cluster.id(), clock.instant());
        return delivered;
    }

    private DeliveredExtension delivered(ClusterExtension e) {
        boolean removing = e.isRemovalRequested();
        Chart chart = catalogue.find(e.extensionType())
                .map(type -> new Chart(type.chartRepository(), type.chartName(), e.targetVersion()))
                .orElse(null);
        return new DeliveredExtension(e.name(), removing ? "remove" : "apply", e.extensionType(), e.targetVersion(),
                e.releaseTrain(), e.scope(), e.namespace(), chart, e.configurationSettings(),
                removing ? null : extensions.openProtectedSettings(e),
                e.principalId() == null ? null : e.principalId().toString());
    }

    @Override
    @Transactional
    public void report(ClusterReference cluster, String name, JsonNode body) {
        ExtensionReport report = ExtensionReport.read(body);
        ClusterExtension extension = find(cluster, name);
        extension.reported(report.installState(), report.version(), report.statuses(), report.errorCode(),
                report.errorMessage());
        repository.saveAndFlush(extension);
        if (extension.isRemovalRequested()) {
            return;
        }
        String resourceId = Extensions.Located.resourceId(cluster, extension.name());
        if (ExtensionReport.INSTALLED.equals(report.installState())
                && extension.targetVersion().equals(extension.currentVersion())) {
            operations.completeNow(resourceId, 200);
        } else if (ExtensionReport.FAILED.equals(report.installState())) {
            operations.failNow(resourceId, 400, new ArmError(extension.errorCode(), extension.errorMessage()));
        }
    }

    @Override
    @Transactional
    public void removed(ClusterReference cluster, String name) {
        ClusterExtension extension = find(cluster, name);
        if (!extension.isRemovalRequested()) {
            throw ArmException.badRequest("InvalidRequestContent", "The extension '" + Bounded.text(name)
                    + "' is not being deleted.", null);
        }
        repository.delete(extension);
        versions.changed(cluster.id());
        operations.completeNow(Extensions.Located.resourceId(cluster, extension.name()), 200);
    }

    private ClusterExtension find(ClusterReference cluster, String name) {
        return repository.findById(ClusterExtension.Key.of(cluster.id(), name)).orElseThrow(() ->
                ArmException.notFound("ExtensionNotFound", "The cluster has no extension '" + Bounded.text(name) + "'."));
    }
}
