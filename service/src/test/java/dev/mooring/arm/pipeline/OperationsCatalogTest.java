package dev.mooring.arm.pipeline;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmOperation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.mooring.testing.ServiceTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every ARM endpoint declares its operation, its actions are in the published catalogue, its api-versions registered. */
class OperationsCatalogTest extends ServiceTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ApiVersionRegistry versions;

    @Test
    void everyArmEndpointHasAnOperationWhoseActionsAreCatalogued() {
        List<String> problems = new ArrayList<>();
        int armEndpoints = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            boolean arm = info.getPatternValues().stream()
                    .anyMatch(p -> p.startsWith("/subscriptions") || p.startsWith("/providers"));
            if (!arm) {
                continue;
            }
            armEndpoints++;
            ArmOperation operation = handler.getMethodAnnotation(ArmOperation.class);
            if (operation == null) {
                problems.add(handler + " has no @ArmOperation");
                continue;
            }
            if (operation.actions().length == 0) {
                problems.add(handler + " names no action");
            }
            if (!versions.knows(operation.resourceType())) {
                problems.add(handler + " names unregistered resource type " + operation.resourceType());
            }
            for (ArmAction action : operation.actions()) {
                if (!ArmAction.inNamespace(action.namespace()).contains(action)) {
                    problems.add(handler + " action " + action + " is not in its namespace's catalogue");
                }
            }
        }
        assertThat(armEndpoints).isGreaterThan(15);
        assertThat(problems).isEmpty();
    }

    @Test
    void theCatalogueIsServedPerNamespaceAndIncludesRegister() {
        String token = idp.anyUser().sign();
        as(token).get("/providers/Microsoft.Kubernetes/operations?api-version=2021-10-01").then().statusCode(200)
                .body("value.name", hasItem("Microsoft.Kubernetes/register/action"))
                .body("value.name", hasItem("Microsoft.Kubernetes/connectedClusters/listClusterUserCredential/action"))
                .body("value[0].display.provider", equalTo("Microsoft.Kubernetes"))
                .body("value[0].isDataAction", equalTo(false));
        as(token).get("/providers/microsoft.kubernetesconfiguration/operations?api-version=2023-05-01").then()
                .statusCode(200)
                .body("value.name", hasItem("Microsoft.KubernetesConfiguration/register/action"))
                .body("value.name", hasItem("Microsoft.KubernetesConfiguration/sourceControlConfigurations/write"));
        as(token).get("/providers/Microsoft.Kubernetes/operations?api-version=2023-05-01").then().statusCode(400)
                .body("error.code", equalTo("InvalidApiVersionParameter"));
        as(token).get("/providers/Microsoft.Nothing/operations?api-version=2021-10-01").then().statusCode(404);
        as(token).get("/providers/Microsoft.Kubernetes/operations").then().statusCode(400)
                .body("error.code", equalTo("MissingApiVersionParameter"));
        assertThat(Arrays.stream(ArmAction.values()).map(ArmAction::action)).doesNotHaveDuplicates();
    }
}
