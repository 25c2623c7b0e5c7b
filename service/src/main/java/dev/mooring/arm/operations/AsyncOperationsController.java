package dev.mooring.arm.operations;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmErrors;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.pipeline.ApiVersionRegistry;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.ArmContext;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where callers follow asynchronous operations: the status resource (always 200 while readable) and the
 * result URL (202 while running, then the operation's final answer). Only the operation's tenant reads
 * them: its creator, or a holder of the namespace's operation-status read action on the subscription.
 */
@RestController
class AsyncOperationsController {

    static final String BASE = "/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}";

    private final AsyncOperationRepository repository;
    private final AsyncOperations operations;
    private final ArmAuthorizer authorizer;
    private final java.util.Map<String, AsyncOperationHandler> handlers;

    AsyncOperationsController(AsyncOperationRepository repository, AsyncOperations operations, ArmAuthorizer authorizer,
            java.util.List<AsyncOperationHandler> handlers) {
        this.repository = repository;
        this.operations = operations;
        this.authorizer = authorizer;
        this.handlers = handlers.stream().collect(java.util.stream.Collectors.toMap(AsyncOperationHandler::kind,
                java.util.function.Function.identity()));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OperationStatus(String id, String name, String status, Instant startTime, Instant endTime,
            Integer percentComplete, ArmError error) {
    }

    @GetMapping(BASE + "/operationStatuses/{operationId}")
    @ArmOperation(resourceType = ApiVersionRegistry.ANY_SERVED, authorization = ArmOperation.Authorization.IN_HANDLER,
            actions = {ArmAction.KUBERNETES_OPERATION_STATUSES_READ, ArmAction.KUBERNETES_CONFIGURATION_OPERATION_STATUSES_READ,
                    ArmAction.SUBSCRIPTION_OPERATION_RESULTS_READ})
    @Transactional(readOnly = true)
    ResponseEntity<OperationStatus> status(@PathVariable String subscriptionId, @PathVariable String namespace,
            @PathVariable String location, @PathVariable String operationId, ArmContext context) {
        AsyncOperation operation = readable(subscriptionId, namespace, operationId, context.caller());
        OperationStatus status = new OperationStatus(AsyncOperations.path(operation, "operationStatuses"),
                operation.id().toString(), operation.status(), operation.startTime(), operation.endTime(),
                operation.percentComplete(), operation.error());
        // azure-core waits 30 s between polls when a running operation's status names no Retry-After.
        return operation.isTerminal() ? ResponseEntity.ok(status) : ResponseEntity.ok()
                .headers(operations.followHeaders(operation, AsyncOperations.Follow.STATUS_PENDING, context)).body(status);
    }

    @GetMapping(BASE + "/operationResults/{operationId}")
    @ArmOperation(resourceType = ApiVersionRegistry.ANY_SERVED, authorization = ArmOperation.Authorization.IN_HANDLER,
            actions = {ArmAction.KUBERNETES_OPERATION_STATUSES_READ, ArmAction.KUBERNETES_CONFIGURATION_OPERATION_STATUSES_READ,
                    ArmAction.SUBSCRIPTION_OPERATION_RESULTS_READ})
    @Transactional(readOnly = true)
    ResponseEntity<Object> result(@PathVariable String subscriptionId, @PathVariable String namespace,
            @PathVariable String location, @PathVariable String operationId, @AuthenticationPrincipal CallerIdentity caller,
            ArmContext context) {
        AsyncOperation operation = readable(subscriptionId, namespace, operationId, caller);
        if (!operation.isTerminal()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .headers(operations.followHeaders(operation, AsyncOperations.Follow.RESULT_PENDING, context)).build();
        }
        if (AsyncOperation.SUCCEEDED.equals(operation.status())) {
            AsyncOperationHandler handler = handlers.get(operation.kind());
            Object body = handler == null || operation.resultStatus() == 204 ? null : handler.result(operation);
            return ResponseEntity.status(operation.resultStatus()).body(body);
        }
        return ResponseEntity.status(operation.errorStatus()).body(new ArmError.Body(operation.error()));
    }

    private AsyncOperation readable(String subscriptionId, String namespace, String operationId, CallerIdentity caller) {
        AsyncOperation operation = parse(operationId)
                .flatMap(repository::findById)
                .filter(found -> found.subscriptionId().toString().equalsIgnoreCase(subscriptionId)
                        && found.namespace().equalsIgnoreCase(namespace))
                .orElseThrow(() -> notFound(operationId));
        if (!operation.tenantId().toString().equalsIgnoreCase(caller.tenantId())) {
            throw notFound(operationId);
        }
        boolean creator = operation.callerObjectId().equalsIgnoreCase(caller.objectId());
        String scope = "/subscriptions/" + operation.subscriptionId();
        if (!creator && !authorizer.allows(caller, namespace + "/locations/operationstatuses/read", scope)
                && !authorizer.allows(caller, ArmAction.SUBSCRIPTION_OPERATION_RESULTS_READ.action(), scope)) {
            throw ArmErrors.authorizationFailed(caller, namespace + "/locations/operationstatuses/read", scope);
        }
        return operation;
    }

    private static java.util.Optional<UUID> parse(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static ArmException notFound(String operationId) {
        return ArmException.notFound("OperationNotFound",
                "The operation '" + Bounded.text(operationId) + "' could not be found.");
    }
}
