package dev.mooring.arm.pipeline;

import dev.mooring.arm.ApiVersionSet;
import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.errors.ArmException;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /providers/{namespace}/operations}: every action Mooring knows in that namespace, straight
 * from {@link ArmAction}, the table the endpoints and roles also use.
 */
@RestController
class OperationsCatalogController {

    private final ApiVersionRegistry versions;

    OperationsCatalogController(ApiVersionRegistry versions) {
        this.versions = versions;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Operation(String name, boolean isDataAction, Display display, String origin) {
    }

    record Display(String provider, String resource, String operation, String description) {
    }

    record Page(List<Operation> value) {
    }

    @GetMapping("/providers/{namespace}/operations")
    @ArmOperation(resourceType = ApiVersionRegistry.ANY_SERVED, authorization = ArmOperation.Authorization.AUTHENTICATED,
            actions = {ArmAction.KUBERNETES_OPERATIONS_READ, ArmAction.KUBERNETES_CONFIGURATION_OPERATIONS_READ})
    Page operations(@PathVariable String namespace, HttpServletRequest request) {
        List<ArmAction> actions = ArmAction.inNamespace(namespace);
        if (actions.isEmpty() || !versions.knows(namespace + "/operations")) {
            throw ArmException.notFound("InvalidResourceNamespace",
                    "The resource namespace '" + Bounded.text(namespace) + "' is invalid.");
        }
        versions.forType(namespace + "/operations").require(request.getParameter(ArmRequest.API_VERSION));
        String provider = actions.getFirst().namespace();
        return new Page(actions.stream().map(action -> new Operation(action.action(), false,
                new Display(provider, action.resource(), action.operation(), action.description()), "user,system"))
                .toList());
    }

    /** The api-versions of each namespace's catalogue: those of the namespace's resource types. */
    @Configuration(proxyBeanMethods = false)
    static class Versions {

        @Bean
        ApiVersionSet kubernetesOperationsVersions() {
            return ApiVersionSet.of("Microsoft.Kubernetes/operations", "2021-03-01", "2021-10-01", "2024-01-01",
                    "2024-07-15-preview", "2024-12-01-preview", "2025-08-01-preview", "2025-12-01-preview",
                    "2026-05-01");
        }

        @Bean
        ApiVersionSet kubernetesConfigurationOperationsVersions() {
            return ApiVersionSet.of("Microsoft.KubernetesConfiguration/operations", "2019-11-01-preview", "2021-03-01",
                    "2023-05-01");
        }

        @Bean
        ApiVersionSet resourcesOperationsVersions() {
            return ApiVersionSet.of("Microsoft.Resources/operations", "2021-04-01", "2022-09-01", "2024-03-01");
        }

        @Bean
        ApiVersionSet authorizationOperationsVersions() {
            return ApiVersionSet.of("Microsoft.Authorization/operations", "2015-07-01", "2022-04-01");
        }
    }
}
