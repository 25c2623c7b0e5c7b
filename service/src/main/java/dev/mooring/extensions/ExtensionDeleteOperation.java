package dev.mooring.extensions;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperationHandler;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A delete waiting for the agent's removal report (which completes it, see {@link ExtensionSection}): this runs
 * when the grace period ends first, and fails the delete, pointing at {@code forceDelete}.
 */
@Component
class ExtensionDeleteOperation implements AsyncOperationHandler {

    static final String KIND = "Microsoft.KubernetesConfiguration/extensions/delete";

    private final ExtensionRepository repository;
    private final ExtensionsProperties properties;

    ExtensionDeleteOperation(ExtensionRepository repository, ExtensionsProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int run(AsyncOperation operation) {
        ClusterExtension extension = ExtensionOperationTarget.of(operation, repository).orElse(null);
        if (extension == null || !extension.isDeleting()) {
            return 200;
        }
        throw timedOut(extension);
    }

    @Override
    public void failed(AsyncOperation operation) {
        ExtensionOperationTarget.of(operation, repository).filter(ClusterExtension::isDeleting).ifPresent(e -> {
            ArmException error = timedOut(e);
            e.fail(error.error().code(), error.error().message());
        });
    }

    private ArmException timedOut(ClusterExtension extension) {
        return new ArmException(HttpStatus.CONFLICT, "ExtensionDeletionTimedOut", "The cluster's agent did not report"
                + " removing extension '" + extension.name() + "' within " + properties.deletionGracePeriod()
                + ". Delete it again with forceDelete=true to remove the resource at once (the agent still removes"
                + " what it installed when it next connects).");
    }
}
