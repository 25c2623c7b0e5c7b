package dev.mooring.tenancy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.testing.ServiceTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProvidersTest extends ServiceTest {

    private static final String V = "?api-version=2021-04-01";

    @Autowired
    ProviderRegistrations registrations;

    @Test
    void registrationGoesFromRegisteringToRegisteredAfterTheDelay() throws Exception {
        Tenant t = newTenant();
        String provider = t.subscriptionPath() + "/providers/Microsoft.Kubernetes";
        as(t.owner()).get(provider + V).then().statusCode(200).body("registrationState", equalTo("NotRegistered"));
        assertThatThrownBy(() -> registrations.requireRegistered(t.subscriptionId(), "Microsoft.Kubernetes"))
                .isInstanceOfSatisfying(ArmException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.status().value()).isEqualTo(409);
                    org.assertj.core.api.Assertions.assertThat(e.error().code()).isEqualTo("MissingSubscriptionRegistration");
                    org.assertj.core.api.Assertions.assertThat(e.error().details().getFirst().target())
                            .isEqualTo("Microsoft.Kubernetes");
                });

        as(t.owner()).post(t.subscriptionPath() + "/providers/microsoft.kubernetes/register" + V).then().statusCode(200)
                .body("namespace", equalTo("Microsoft.Kubernetes"))
                .body("registrationState", equalTo("Registering"));
        clock.advance(REGISTRATION_DELAY);
        as(t.owner()).get(provider + V).then().body("registrationState", equalTo("Registered"));
        registrations.requireRegistered(t.subscriptionId(), "Microsoft.Kubernetes");

        as(t.owner()).post(provider + "/unregister" + V).then().statusCode(200)
                .body("registrationState", equalTo("Unregistered"));
        as(t.owner()).get(provider + V).then().body("registrationState", equalTo("Unregistered"));
    }

    @Test
    void theManifestListsServedRegionsTypesAndVersions() {
        Tenant t = newTenant();
        as(t.owner()).get(t.subscriptionPath() + "/providers/Microsoft.Kubernetes" + V).then().statusCode(200)
                .body("id", equalTo(t.subscriptionPath() + "/providers/Microsoft.Kubernetes"))
                .body("registrationPolicy", equalTo("RegistrationRequired"))
                .body("resourceTypes.resourceType", containsInAnyOrder("connectedClusters", "locations",
                        "locations/operationStatuses", "registeredSubscriptions", "operations"))
                .body("resourceTypes.find { it.resourceType == 'connectedClusters' }.locations",
                        contains("East US", "West Europe"))
                .body("resourceTypes.find { it.resourceType == 'connectedClusters' }.apiVersions",
                        contains("2026-05-01", "2025-12-01-preview", "2025-08-01-preview", "2024-12-01-preview",
                                "2024-07-15-preview", "2024-01-01", "2021-10-01", "2021-03-01"));
        as(t.owner()).get(t.subscriptionPath() + "/providers" + V).then().statusCode(200)
                .body("value.namespace", hasItem("Microsoft.KubernetesConfiguration"))
                .body("value.find { it.namespace == 'Microsoft.Resources' }.registrationState", equalTo("Registered"));
        as(t.owner()).get(t.subscriptionPath() + "/providers/Microsoft.Compute" + V).then().statusCode(404)
                .body("error.code", equalTo("InvalidResourceNamespace"));
    }

    @Test
    void registeringNeedsTheNamespacesRegisterAction() {
        Tenant t = newTenant();
        UUID reader = UUID.randomUUID();
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), dev.mooring.access.BuiltInRoles.READER,
                reader, "User", "test");
        as(t.user(reader)).post(t.subscriptionPath() + "/providers/Microsoft.Kubernetes/register" + V).then()
                .statusCode(403).body("error.message",
                        org.hamcrest.Matchers.containsString("Microsoft.Kubernetes/register/action"));
        as(t.user(reader)).get(t.subscriptionPath() + "/providers/Microsoft.Kubernetes" + V).then().statusCode(200);
    }
}
