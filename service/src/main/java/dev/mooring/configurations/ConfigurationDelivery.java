package dev.mooring.configurations;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.JsonFields;
import dev.mooring.clusters.ClusterReference;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Configurations as a cluster's agent sees them, through the data plane: the desired state (with the
 * protected settings decrypted, for that agent only), its version, compliance reports and removal
 * acknowledgements. The caller has authenticated the agent as the cluster's own.
 */
@Service
public class ConfigurationDelivery {

    /**
     * One configuration as its agent must see it: to apply, or ({@code removing}) to take off the cluster. The
     * protected settings are open, for the cluster's own agent only, and empty while removing.
     */
    public record Delivered(String name, boolean removing, String repositoryUrl, String operatorNamespace,
            String operatorInstanceName, String operatorType, String operatorScope, String operatorParams,
            String sshKnownHostsContents, Boolean enableHelmOperator, String helmChartVersion, String helmChartValues,
            Map<String, String> protectedSettings) {

        /** Never prints the protected settings. */
        @Override
        public String toString() {
            return "Delivered[" + name + (removing ? ", removing]" : "]");
        }
    }

    /**
     * The cluster's desired state at one version: its configurations and the entries of every contributed
     * {@link DesiredStateSection}, by section name.
     */
    public record Snapshot(String version, List<Delivered> configurations,
            Map<String, List<? extends DesiredStateSection.Entry>> sections) {
    }

    /** What the agent reports about one configuration. */
    public record ComplianceReport(String complianceState, String message, String messageLevel,
            Instant lastConfigApplied, String repositoryPublicKey) {
    }

    /** Names a contributed section cannot take: the document's own fields. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("version", "configurations");
    private static final List<String> STATES = List.of("Pending", "Installed", "Failed", "Compliant", "Noncompliant");
    private static final List<String> LEVELS = List.of("Error", "Warning", "Information");

    private final ConfigurationRepository repository;
    private final SourceControlConfigurations configurations;
    private final ConfigurationVersions versions;
    private final AsyncOperations operations;
    private final Clock clock;
    private final Map<String, DesiredStateSection> sections;

    ConfigurationDelivery(ConfigurationRepository repository, SourceControlConfigurations configurations,
            ConfigurationVersions versions, AsyncOperations operations, Clock clock,
            ObjectProvider<DesiredStateSection> sections) {
        this.repository = repository;
        this.configurations = configurations;
        this.versions = versions;
        this.operations = operations;
        this.clock = clock;
        this.sections = new TreeMap<>();
        sections.orderedStream().forEach(section -> {
            if (RESERVED.contains(section.name()) || this.sections.putIfAbsent(section.name(), section) != null) {
                throw new IllegalStateException("Two desired-state sections are named '" + section.name() + "'");
            }
        });
    }

    public String version(UUID clusterId) {
        return versions.current(clusterId);
    }

    /**
     * The version once it differs from {@code known}, or when {@code millis} are up; no thread waits meanwhile.
     * Completes on a thread of its own unless it answers at once; cancel it when the caller goes away.
     */
    public CompletableFuture<String> awaitChange(UUID clusterId, String known, long millis) {
        return versions.awaitChange(clusterId, known, millis);
    }

    /** The desired state; marks the protected settings fetched (their retention clock starts). */
    @Transactional
    public Snapshot desired(ClusterReference cluster) {
        String version = versions.current(cluster.id());
        List<Delivered> desired = repository.allOf(cluster.id()).stream()
                .sorted(java.util.Comparator.comparing(SourceControlConfiguration::name))
                .map(c -> new Delivered(c.name(), c.isDeleting(), c.repositoryUrl(), c.operatorNamespace(),
                        c.operatorInstanceName(), c.operatorType(), c.operatorScope(), c.operatorParams(),
                        c.sshKnownHostsContents(), c.enableHelmOperator(), c.helmChartVersion(), c.helmChartValues(),
                        c.isDeleting() ? Map.of() : configurations.openProtectedSettings(c)))
                .toList();
        repository.markFetched(cluster.id(), clock.instant());
        Map<String, List<? extends DesiredStateSection.Entry>> contributed = new LinkedHashMap<>();
        sections.forEach((name, section) -> contributed.put(name, section.entries(cluster)));
        return new Snapshot(version, desired, contributed);
    }

    /** The agent's status report about entry {@code name} of a contributed section. */
    @Transactional
    public void report(ClusterReference cluster, String section, String name, tools.jackson.databind.JsonNode report) {
        section(section).report(cluster, name, report);
    }

    /** The agent removed entry {@code name} of a contributed section from the cluster. */
    @Transactional
    public void removed(ClusterReference cluster, String section, String name) {
        section(section).removed(cluster, name);
    }

    private DesiredStateSection section(String name) {
        DesiredStateSection section = sections.get(name);
        if (section == null) {
            throw ArmException.notFound("NotFound", "The data plane has no section '" + Bounded.text(name) + "'.");
        }
        return section;
    }

    @Transactional
    public void report(ClusterReference cluster, String name, ComplianceReport report) {
        if (report == null || report.complianceState() == null) {
            throw ArmException.badRequest("InvalidRequestContent", "A status report needs a 'complianceState'.",
                    "complianceState");
        }
        String state = JsonFields.oneOf(report.complianceState(), STATES, "complianceState");
        String level = JsonFields.oneOf(report.messageLevel() == null ? null
                : report.messageLevel().equalsIgnoreCase("Info") ? "Information" : report.messageLevel(), LEVELS, "messageLevel");
        if (repository.reportStatus(cluster.id(), name, state, report.message(), level, report.lastConfigApplied(),
                report.repositoryPublicKey()) == 0) {
            throw unknown(name);
        }
    }

    /** The agent removed the configuration from the cluster: it goes, and its delete operation completes. */
    @Transactional
    public void removed(ClusterReference cluster, String name) {
        SourceControlConfiguration configuration = repository.findById(SourceControlConfiguration.Key.of(cluster.id(), name))
                .orElseThrow(() -> unknown(name));
        if (!configuration.isDeleting()) {
            throw ArmException.badRequest("InvalidRequestContent", "The configuration '" + Bounded.text(name)
                    + "' is not being deleted.", null);
        }
        String resourceId = cluster.resourceId() + "/providers/" + SourceControlConfiguration.TYPE + "/" + configuration.name();
        configurations.remove(configuration);
        operations.completeNow(resourceId, 200);
    }

    private static ArmException unknown(String name) {
        return ArmException.notFound("ConfigurationNotFound",
                "The cluster has no configuration '" + Bounded.text(name) + "'.");
    }
}
