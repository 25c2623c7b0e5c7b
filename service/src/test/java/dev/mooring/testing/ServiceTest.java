package dev.mooring.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests that drive the running service over HTTP, on the shared PostgreSQL and the test identity
 * provider. Subclasses that add no configuration of their own share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceTest {

    protected static final TestIdentityProvider idp = TestIdentityProvider.shared();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
        idp.register(registry);
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
