package dev.mooring.testing;

import static io.restassured.RestAssured.given;

import dev.mooring.access.BuiltInRoles;
import dev.mooring.access.RoleAssignments;
import dev.mooring.tenancy.Subscriptions;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests that drive the running service over HTTP, on the shared PostgreSQL and the test identity
 * provider. Subclasses that add no configuration of their own share one application context. Each test
 * makes its own tenant and subscription, so tests never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceTest {

    protected static final TestIdentityProvider idp = TestIdentityProvider.shared();

    @LocalServerPort
    protected int port;

    @Autowired
    protected Subscriptions subscriptions;

    @Autowired
    protected RoleAssignments roleAssignments;

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
        idp.register(registry);
        // Fast polling for asynchronous operations and provider registration; generous write buckets
        // (throttling itself has tests of its own).
        registry.add("mooring.operations.retry-after", () -> "1s");
        registry.add("mooring.operations.poll-interval", () -> "100ms");
        registry.add("mooring.providers.registration-delay", () -> "1s");
        registry.add("mooring.throttling.write-capacity", () -> "100000");
        registry.add("mooring.throttling.read-capacity", () -> "100000");
        registry.add("mooring.throttling.delete-capacity", () -> "100000");
        registry.add("mooring.throttling.unauthenticated.capacity", () -> "1000000");
        registry.add("mooring.configurations.deletion-grace-period", () -> "5s");
        TestSecrets.register(registry);
        TestAgentCa.register(registry);
    }

    /** The same settings as a plain map, for tests that start a second service instance on the same database. */
    public static java.util.Map<String, Object> servicePropertiesAsMap() {
        java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>();
        serviceProperties((name, value) -> properties.put(name, value.get()));
        return properties;
    }

    /** A fresh tenant with one Registered subscription and an Owner. */
    protected record Tenant(UUID tenantId, UUID subscriptionId, UUID ownerId) {

        public String subscriptionPath() {
            return "/subscriptions/" + subscriptionId;
        }

        public String owner() {
            return idp.user(tenantId.toString(), ownerId.toString()).sign();
        }

        /** A token for another user of this tenant. */
        public String user(UUID objectId) {
            return idp.user(tenantId.toString(), objectId.toString()).sign();
        }
    }

    protected Tenant newTenant() {
        Tenant tenant = new Tenant(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        subscriptions.ensureRegistered(tenant.subscriptionId(), tenant.tenantId(), "Test subscription");
        roleAssignments.grantAtSubscription(tenant.subscriptionId(), tenant.tenantId(), BuiltInRoles.OWNER,
                tenant.ownerId(), "User", "test");
        return tenant;
    }

    /** A fresh tenant with one Registered subscription that has no role assignment yet (its owner id is unused). */
    protected Tenant newTenantWithoutOwner() {
        Tenant tenant = new Tenant(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        subscriptions.ensureRegistered(tenant.subscriptionId(), tenant.tenantId(), "Test subscription");
        return tenant;
    }

    /** Registers the tenant's subscription with a provider namespace and waits until it reads Registered. */
    protected void registerProvider(Tenant t, String namespace) {
        String provider = t.subscriptionPath() + "/providers/" + namespace + "?api-version=2021-04-01";
        as(t.owner()).post(t.subscriptionPath() + "/providers/" + namespace + "/register?api-version=2021-04-01")
                .then().statusCode(200);
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(5);
        while (java.time.Instant.now().isBefore(deadline)
                && !"Registered".equals(as(t.owner()).get(provider).then().extract().path("registrationState"))) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        as(t.owner()).get(provider).then().body("registrationState", org.hamcrest.Matchers.equalTo("Registered"));
    }

    /** A request to the service with no credentials. */
    protected RequestSpecification anonymous() {
        return given().baseUri("http://localhost").port(port);
    }

    /** A request carrying {@code token} as its bearer token. */
    protected RequestSpecification as(String token) {
        return anonymous().header("Authorization", "Bearer " + token);
    }
}
