package dev.mooring.extensions;

import dev.mooring.arm.operations.AsyncOperation;
import java.util.Locale;
import java.util.Optional;

/** The extension an operation was started on, found again from the operation's resource id. */
final class ExtensionOperationTarget {

    private static final String SEGMENT = "/providers/microsoft.kubernetesconfiguration/extensions/";

    private ExtensionOperationTarget() {
    }

    static Optional<ClusterExtension> of(AsyncOperation operation, ExtensionRepository repository) {
        String id = operation.resourceId();
        int at = id.toLowerCase(Locale.ROOT).indexOf(SEGMENT);
        String[] cluster = id.substring(0, at).split("/");
        return repository.findByNames(operation.subscriptionId(), cluster[4], cluster[8],
                id.substring(at + SEGMENT.length()));
    }
}
