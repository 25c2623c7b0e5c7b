package dev.mooring.testing;

import static dev.mooring.testing.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.access.BuiltInRoles;
import dev.mooring.access.RoleAssignments;
import dev.mooring.tenancy.Subscriptions;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests that drive the running service over HTTP, on the shared PostgreSQL and the test identity
 * provider. Subclasses that add no configuration of their own share one application context. Each test
 * makes its own tenant and subscription, so tests never see each other's data. The service runs on
 * {@link TestClock}: a test makes time pass with {@code clock.advance(...)}, and the clock is back on the system's
 * time after every test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClock.Config.class)
public abstract class ServiceTest {

    /** How long a provider registration reads Registering; tests pass it with {@link TestClock#advance}. */
    protected static final Duration REGISTRATION_DELAY = Duration.ofSeconds(1);
    /** How long a deleted configuration waits for its agent; tests pass it with {@link TestClock#advance}. */
    protected static final Duration DELETION_GRACE_PERIOD = Duration.ofSeconds(5);

    protected static final TestIdentityProvider idp = TestIdentityProvider.shared();

    @LocalServerPort
    protected int port;

    @Autowired
    protected Subscriptions subscriptions;

    @Autowired
    protected RoleAssignments roleAssignments;

    @Autowired
    protected TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
        idp.register(registry);
        // Fast polling for asynchronous operations and provider registration; generous write buckets
        // (throttling itself has tests of its own).
        registry.add("mooring.operations.retry-after", () -> "1s");
        registry.add("mooring.operations.poll-interval", () -> "100ms");
        registry.add("mooring.providers.registration-delay", REGISTRATION_DELAY::toString);
        registry.add("mooring.throttling.write-capacity", () -> "100000");
        registry.add("mooring.throttling.read-capacity", () -> "100000");
        registry.add("mooring.throttling.delete-capacity", () -> "100000");
        registry.add("mooring.throttling.unauthenticated.capacity", () -> "1000000");
        registry.add("mooring.configurations.deletion-grace-period", DELETION_GRACE_PERIOD::toString);
        // Webhook receivers in tests listen on plain http on loopback; delivery polls often.
        registry.add("mooring.notifications.allow-http", () -> "true");
        registry.add("mooring.notifications.allowed-networks", () -> "127.0.0.0/8");
        registry.add("mooring.notifications.poll-interval", () -> "100ms");
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

    /**
     * Registers the tenant's subscription with a provider namespace through the API and moves the clock past the
     * registration delay, so that it reads Registered without waiting.
     */
    protected void registerProvider(Tenant t, String namespace) {
        String provider = t.subscriptionPath() + "/providers/" + namespace + "?api-version=2021-04-01";
        as(t.owner()).post(t.subscriptionPath() + "/providers/" + namespace + "/register?api-version=2021-04-01")
                .then().statusCode(200);
        clock.advance(REGISTRATION_DELAY);
        as(t.owner()).get(provider).then().body("registrationState", equalTo("Registered"));
    }

    /** Waits until the resource at {@code url} (with its api-version) has been provisioned by the background worker. */
    protected void awaitProvisioned(String token, String url) {
        eventually(() -> as(token).get(url).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Succeeded")));
    }

    /** Waits until the resource at {@code url} (with its api-version) answers 404: its deletion has finished. */
    protected void awaitGone(String token, String url) {
        eventually(() -> as(token).get(url).then().statusCode(404));
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
