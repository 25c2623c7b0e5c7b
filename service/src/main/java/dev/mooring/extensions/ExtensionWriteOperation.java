package dev.mooring.extensions;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperationHandler;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A create, update or PATCH of an extension: the agent's report completes it (see {@link ExtensionSection}); this
 * runs when the operation timeout ends first, and fails the extension with a message saying what to do.
 */
@Component
class ExtensionWriteOperation implements AsyncOperationHandler {

    static final String KIND = "Microsoft.KubernetesConfiguration/extensions/write";

    private final ExtensionRepository repository;
    private final ExtensionsProperties properties;

    ExtensionWriteOperation(ExtensionRepository repository, ExtensionsProperties properties) {
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
        if (extension == null || ClusterExtension.SUCCEEDED.equals(extension.provisioningState())) {
            return 200;
        }
        if (ClusterExtension.FAILED.equals(extension.provisioningState()) && extension.errorCode() != null) {
            throw new ArmException(HttpStatus.BAD_REQUEST, extension.errorCode(), extension.errorMessage());
        }
        throw timedOut(extension);
    }

    @Override
    public void failed(AsyncOperation operation) {
        ExtensionOperationTarget.of(operation, repository)
                .filter(e -> ClusterExtension.CREATING.equals(e.provisioningState())
                        || ClusterExtension.UPDATING.equals(e.provisioningState()))
                .ifPresent(e -> {
                    ArmException error = timedOut(e);
                    e.fail(error.error().code(), error.error().message());
                });
    }

    private ArmException timedOut(ClusterExtension extension) {
        return new ArmException(HttpStatus.CONFLICT, "ExtensionOperationTimedOut", "The cluster's agent did not report"
                + " installing extension '" + extension.name() + "' (version " + extension.targetVersion() + ") within "
                + properties.operationTimeout() + ". The agent installs it when it next connects; check the cluster's"
                + " connectivity, or PUT the extension again to retry.");
    }
}
