package dev.mooring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.arm.ArmOperation;
import dev.mooring.testing.ServiceTest;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** api-spec/*.openapi.json (ARM, data plane, inventory) against the running service, in both directions. */
class ApiSpecTest extends ServiceTest {

    private static final Path DOCUMENT = Path.of("..", "api-spec", "mooring-arm.openapi.json");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** "PUT /subscriptions/{}/resourcegroups/{}" → the handler's resource type. */
    private Map<String, String> served() {
        Map<String, String> served = new HashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            ArmOperation operation = entry.getValue().getMethodAnnotation(ArmOperation.class);
            if (operation == null) {
                continue;
            }
            for (String pattern : entry.getKey().getPatternValues()) {
                for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                    served.put(method.name() + " " + normalize(pattern), operation.resourceType());
                }
            }
        }
        return served;
    }

    private static Map<String, String> documented() {
        JsonNode paths = JsonMapper.builder().build().readTree(DOCUMENT.toFile()).get("paths");
        Map<String, String> documented = new HashMap<>();
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                documented.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + normalize(path.getKey()),
                        operation.getValue().get("x-mooring-resource-type").stringValue());
            }
        }
        return documented;
    }

    private static String normalize(String path) {
        return path.replaceAll("\\{[^}]+}", "{}").toLowerCase(Locale.ROOT);
    }

    @Test
    void everyDocumentedOperationIsServedWithItsApiVersionsAndEveryServedOneIsDocumented() {
        Map<String, String> served = served();
        Map<String, String> documented = documented();
        assertThat(documented.keySet()).as("documented but not served").isSubsetOf(served.keySet());
        assertThat(served.keySet()).as("served but not documented").isSubsetOf(documented.keySet());
        documented.forEach((operation, resourceType) ->
                assertThat(served.get(operation)).as(operation).isEqualTo(resourceType));
    }

    @Test
    void theDataPlaneDocumentMatchesTheDataPlaneRoutes() {
        assertThat(documentedIn("mooring-dataplane.openapi.json")).isEqualTo(routesUnder("/dataplane"));
    }

    @Test
    void theInventoryDocumentMatchesTheInventoryRoutes() {
        assertThat(documentedIn("mooring-inventory.openapi.json")).isEqualTo(routesUnder("/inventory"));
        assertThat(routesUnder("/inventory")).hasSize(3);
    }

    private java.util.Set<String> routesUnder(String prefix) {
        java.util.Set<String> routes = new java.util.HashSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : entry.getKey().getPatternValues()) {
                if (pattern.startsWith(prefix)) {
                    entry.getKey().getMethodsCondition().getMethods()
                            .forEach(method -> routes.add(method.name() + " " + normalize(pattern)));
                }
            }
        }
        return routes;
    }

    private static java.util.Set<String> documentedIn(String document) {
        JsonNode paths = JsonMapper.builder().build().readTree(Path.of("..", "api-spec", document).toFile()).get("paths");
        java.util.Set<String> documented = new java.util.HashSet<>();
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + normalize(path.getKey()));
            }
        }
        return documented;
    }

    @Test
    void everyDocumentedOperationIsRoutedByTheRunningService() {
        Tenant t = newTenant();
        List<String> unrouted = new ArrayList<>();
        for (String operation : documented().keySet()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1)
                    .replaceFirst("/subscriptions/\\{}", "/subscriptions/" + t.subscriptionId())
                    .replace("{}", "x" + UUID.randomUUID().toString().substring(0, 8));
            Response response = as(t.owner()).contentType("application/json").body("{}")
                    .request(method, path + "?api-version=2024-01-01");
            String code = response.statusCode() >= 400 && !method.equals("HEAD") ? response.path("error.code") : null;
            if (response.statusCode() == 405 || "NotFound".equals(code)) {
                unrouted.add(operation + " -> " + response.statusCode() + " " + code);
            }
        }
        assertThat(unrouted).isEmpty();
    }
}
