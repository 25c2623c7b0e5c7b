package dev.mooring.fluxconfigurations;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperationHandler;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The long-running halves of flux configuration writes and deletes. A write completes once the configuration is
 * ready for its agent; a delete started with the grace period as its delay runs only if the agent has not
 * acknowledged the removal by then, and fails pointing at {@code forceDelete}.
 */
@Component
class FluxOperations {

    static final String APPLY = "Microsoft.KubernetesConfiguration/fluxConfigurations/write";
    static final String DELETE = "Microsoft.KubernetesConfiguration/fluxConfigurations/delete";
    private static final String SEGMENT = "/providers/microsoft.kubernetesconfiguration/fluxconfigurations/";

    private final FluxConfigurationRepository repository;

    FluxOperations(FluxConfigurationRepository repository) {
        this.repository = repository;
    }

    @Component
    static class Apply implements AsyncOperationHandler {

        private final FluxOperations operations;

        Apply(FluxOperations operations) {
            this.operations = operations;
        }

        @Override
        public String kind() {
            return APPLY;
        }

        @Override
        public int run(AsyncOperation operation) {
            operations.find(operation).filter(c -> !c.isRemovalRequested()).ifPresent(FluxConfiguration::markSucceeded);
            return 200;
        }

        @Override
        public void failed(AsyncOperation operation) {
            operations.find(operation).filter(c -> !c.isRemovalRequested())
                    .ifPresent(c -> c.markFailed("The configuration could not be applied."));
        }
    }

    @Component
    static class Delete implements AsyncOperationHandler {

        private final FluxOperations operations;

        Delete(FluxOperations operations) {
            this.operations = operations;
        }

        @Override
        public String kind() {
            return DELETE;
        }

        @Override
        public int run(AsyncOperation operation) {
            if (operations.find(operation).filter(FluxConfiguration::isDeleting).isPresent()) {
                throw new ArmException(HttpStatus.CONFLICT, "DeletionNotAcknowledged", message());
            }
            return 200;
        }

        @Override
        public void failed(AsyncOperation operation) {
            operations.find(operation).filter(FluxConfiguration::isDeleting).ifPresent(c -> c.markFailed(message()));
        }

        private static String message() {
            return "The cluster's agent did not confirm the removal of the Flux objects within the grace period."
                    + " Delete again with forceDelete=true to remove the configuration anyway (its objects may stay on"
                    + " the cluster).";
        }
    }

    /** The configuration an operation is about, locked by the worker's transaction as it is changed. */
    Optional<FluxConfiguration> find(AsyncOperation operation) {
        String id = operation.resourceId();
        int at = id.toLowerCase(Locale.ROOT).indexOf(SEGMENT);
        String[] c = id.substring(0, at).split("/");
        return repository.findByNames(operation.subscriptionId(), c[4], c[8], id.substring(at + SEGMENT.length()));
    }
}
