package dev.mooring.local;

import static dev.mooring.testing.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.testing.TestIdentityProvider;
import dev.mooring.testing.TestPostgres;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Local mode end to end: the loopback token issuer, the seeded subscription, HTTPS with a generated certificate. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalModeTest {

    private static final Path DATA_DIRECTORY = createTempDirectory();

    @LocalServerPort
    int port;

    @Autowired
    LocalModeProperties properties;

    @Autowired
    LocalHttps https;

    @DynamicPropertySource
    static void localMode(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
        registry.add("mooring.local.enabled", () -> "true");
        registry.add("mooring.local.https-port", () -> "0");
        registry.add("mooring.local.data-directory", DATA_DIRECTORY::toString);
        dev.mooring.testing.TestSecrets.register(registry);
        dev.mooring.testing.TestAgentCa.register(registry);
    }

    @Autowired
    org.springframework.boot.web.server.context.WebServerApplicationContext context;

    @Test
    void everyPortListensOnLoopbackOnly() {
        var tomcat = ((org.springframework.boot.tomcat.TomcatWebServer) context.getWebServer()).getTomcat();
        var connectors = tomcat.getService().findConnectors();
        assertThat(connectors).hasSize(2);
        for (var connector : connectors) {
            Object address = connector.getProperty("address");
            assertThat(address).as(connector.toString()).isNotNull();
            assertThat(address instanceof java.net.InetAddress inet ? inet.isLoopbackAddress()
                    : address.toString().startsWith("127.") || address.toString().contains("localhost"))
                    .as(connector + " listens on " + address).isTrue();
        }
    }

    @Test
    void anEmptyTokenRequestGivesTheLocalUserWhoOwnsTheSeededSubscription() {
        String token = mint("{}");
        String subscription = properties.subscriptionId().toString();

        api().header("Authorization", "Bearer " + token).get("/subscriptions?api-version=2022-12-01").then()
                .statusCode(200)
                .body("value.subscriptionId", hasItem(subscription));
        api().header("Authorization", "Bearer " + token)
                .get("/subscriptions/" + subscription + "?api-version=2022-12-01").then()
                .statusCode(200)
                .body("tenantId", equalTo(properties.tenantId().toString()))
                .body("state", equalTo("Enabled"));
    }

    @Test
    void tokensCanBeMintedForAnyPrincipalAndTenant() {
        String stranger = mint("{\"objectId\":\"" + UUID.randomUUID() + "\",\"tenantId\":\"" + UUID.randomUUID()
                + "\",\"roles\":[\"Platform.Admin\"]}");
        api().header("Authorization", "Bearer " + stranger).get("/subscriptions?api-version=2022-12-01").then()
                .statusCode(200)
                .body("value", org.hamcrest.Matchers.empty());
        api().header("Authorization", "Bearer " + stranger).get("/actuator/prometheus").then().statusCode(200);
    }

    @Test
    void onlyTheDevelopmentIssuerIsTrusted() {
        String foreign = TestIdentityProvider.shared().anyUser().sign();
        api().header("Authorization", "Bearer " + foreign).get("/subscriptions?api-version=2022-12-01").then()
                .statusCode(401);
    }

    @Test
    void jwksPublishesThePublicKeyOnly() {
        api().get(DevTokenIssuer.JWKS_PATH).then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0]", hasKey("n"))
                .body("keys[0]", not(hasKey("d")));
    }

    @Test
    void theIssuerRefusesCallersOffTheLoopbackInterface() {
        MockHttpServletRequest remote = new MockHttpServletRequest("POST", DevTokenIssuer.TOKEN_PATH);
        remote.setRemoteAddr("10.1.2.3");
        assertThatThrownBy(() -> DevTokenIssuer.requireLoopback(remote)).isInstanceOf(ArmException.class);

        MockHttpServletRequest proxied = new MockHttpServletRequest("POST", DevTokenIssuer.TOKEN_PATH);
        proxied.setRemoteAddr("127.0.0.1");
        proxied.addHeader("X-Forwarded-For", "203.0.113.9");
        assertThatThrownBy(() -> DevTokenIssuer.requireLoopback(proxied)).isInstanceOf(ArmException.class);

        MockHttpServletRequest local = new MockHttpServletRequest("POST", DevTokenIssuer.TOKEN_PATH);
        local.setRemoteAddr("::1");
        DevTokenIssuer.requireLoopback(local);
    }

    @Test
    void httpsServesTheGeneratedCertificateWhichTheLocalCaVouchesFor() throws Exception {
        assertThat(https.caCertificate()).exists();
        try (HttpClient client = HttpClient.newBuilder().sslContext(localTls()).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + https.port() + "/actuator/health/liveness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theIssuerKeySurvivesARestart() throws Exception {
        DevIssuerKey again = DevIssuerKey.loadOrCreate(properties.issuerDirectory());
        String token = mint("{}");
        assertThat(com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(again.keyId());
    }

    /**
     * A kubeconfig fetched over plain HTTP still sends kubectl to the HTTPS port, trusting the local CA: kubectl
     * sends tokens only over TLS, and it must know the CA (docs/tutorial.md runs kubectl with it).
     */
    @Test
    void kubeconfigsPointAtLocalHttpsAndCarryTheLocalCaWhateverUrlTheyWereFetchedOn() throws Exception {
        String token = mint("{}");
        String subscription = "/subscriptions/" + properties.subscriptionId();
        String cluster = subscription + "/resourceGroups/kubeconfigs/providers/Microsoft.Kubernetes/connectedClusters/c-"
                + UUID.randomUUID().toString().substring(0, 8);
        api().header("Authorization", "Bearer " + token).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(subscription + "/resourcegroups/kubeconfigs?api-version=2021-04-01").then().statusCode(anyOf(is(200), is(201)));
        api().header("Authorization", "Bearer " + token)
                .post(subscription + "/providers/Microsoft.Kubernetes/register?api-version=2021-04-01").then().statusCode(200);
        String key = dev.mooring.agent.TestConnectAgent.agentPublicKeyCertificate(
                dev.mooring.agent.TestConnectAgent.newOnboardingKey());
        // Creation is refused until the provider registration (10 s by default) has gone through.
        eventually(Duration.ofSeconds(40), () -> api().header("Authorization", "Bearer " + token)
                .contentType("application/json").body("{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{\"agentPublicKeyCertificate\":\""
                        + key + "\"}}").put(cluster + "?api-version=2024-01-01").then().statusCode(201));

        String encoded = api().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"authenticationMethod\":\"AAD\",\"clientProxy\":false}")
                .post(cluster + "/listClusterUserCredential?api-version=2024-01-01").then().statusCode(200)
                .extract().path("kubeconfigs[0].value");
        String kubeconfig = new String(java.util.Base64.getDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(kubeconfig).contains("server: https://localhost:" + https.port() + "/connect/");
        String caData = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(https.caCertificate()));
        assertThat(kubeconfig).contains("\n    certificate-authority-data: " + caData + "\n");
    }

    /** What the Azure CLI does with a custom cloud: read the metadata, then discover the authority it names. */
    @Test
    void theMetadataNamesTheAdfsStyleAuthorityWhoseDiscoveryDocumentLeadsToTheKeys() {
        String loginEndpoint = api().get("/metadata/endpoints?api-version=2015-01-01").then().statusCode(200)
                .body("authentication.tenant", equalTo("adfs"))
                .body("authentication.identityProvider", equalTo("ADFS"))
                .extract().path("authentication.loginEndpoint");
        assertThat(loginEndpoint).isEqualTo("https://localhost:" + https.port() + "/adfs");
        api().get(AdfsAuthority.DISCOVERY_PATH).then().statusCode(200)
                .body("issuer", equalTo(properties.issuer()))
                .body("token_endpoint", equalTo(loginEndpoint + "/oauth2/token"))
                .body("authorization_endpoint", equalTo(loginEndpoint + "/oauth2/authorize"))
                .body("jwks_uri", equalTo(loginEndpoint + "/discovery/keys"))
                .body("grant_types_supported", hasItem("client_credentials"));
        api().get(AdfsAuthority.KEYS_PATH).then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA")).body("keys[0]", not(hasKey("d")));
    }

    /** MSAL, as the Azure CLI and SDKs use it, signs the seeded service principal in; its token works on ARM. */
    @Test
    void msalAcquiresAClientCredentialsTokenThatArmAccepts() throws Exception {
        String secret = Files.readString(properties.issuerDirectory().resolve(LocalClients.SECRET_FILE)).strip();
        assertThat(Files.getPosixFilePermissions(properties.issuerDirectory().resolve(LocalClients.SECRET_FILE)))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        var msal = com.microsoft.aad.msal4j.ConfidentialClientApplication.builder(properties.clientId().toString(),
                        com.microsoft.aad.msal4j.ClientCredentialFactory.createFromSecret(secret))
                .authority("https://localhost:" + https.port() + "/adfs/")
                .instanceDiscovery(false)
                .validateAuthority(false)
                .sslSocketFactory(localTls().getSocketFactory())
                .build();
        var result = msal.acquireToken(com.microsoft.aad.msal4j.ClientCredentialParameters.builder(
                java.util.Set.of("https://management.azure.com//.default")).build()).get(30, java.util.concurrent.TimeUnit.SECONDS);
        var claims = com.nimbusds.jwt.SignedJWT.parse(result.accessToken()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("appid")).isEqualTo(properties.clientId().toString());
        assertThat(claims.getStringClaim("oid")).isEqualTo(properties.clientObjectId().toString());
        assertThat(claims.getAudience()).containsExactly("https://management.azure.com/");

        api().header("Authorization", "Bearer " + result.accessToken())
                .get("/subscriptions/" + properties.subscriptionId() + "/resourcegroups?api-version=2021-04-01").then()
                .statusCode(200);
    }

    @Test
    void theTokenEndpointRefusesWrongSecretsScopesAndGrantsInOAuthTerms() throws Exception {
        String secret = Files.readString(properties.issuerDirectory().resolve(LocalClients.SECRET_FILE)).strip();
        String client = properties.clientId().toString();
        token("grant_type=client_credentials&client_id=" + client + "&client_secret=wrong"
                + "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default").then().statusCode(401)
                .body("error", equalTo("invalid_client"))
                .body("error_description", not(org.hamcrest.Matchers.containsString(secret)));
        token("grant_type=client_credentials&client_id=" + UUID.randomUUID() + "&client_secret=" + secret
                + "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        token("grant_type=client_credentials&client_id=" + client + "&client_secret=" + secret
                + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default").then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
        token("grant_type=password&client_id=" + client + "&client_secret=" + secret).then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
        // The older ADFS form: resource instead of scope, and the client's credentials as HTTP Basic.
        String basic = java.util.Base64.getEncoder().encodeToString((client + ":" + secret)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        token("grant_type=client_credentials&resource=https%3A%2F%2Fmanagement.azure.com%2F", "Basic " + basic)
                .then().statusCode(200).body("token_type", equalTo("Bearer"))
                .body("resource", equalTo("https://management.azure.com/"));
        api().get(AdfsAuthority.AUTHORIZE_PATH).then().statusCode(400).body("error", equalTo("unsupported_response_type"));
    }

    private io.restassured.response.Response token(String form) {
        return token(form, null);
    }

    private io.restassured.response.Response token(String form, String authorization) {
        RequestSpecification request = api().contentType("application/x-www-form-urlencoded").body(form);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.post(AdfsAuthority.TOKEN_PATH);
    }

    private SSLContext localTls() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(https.caCertificate())) {
            trust.setCertificateEntry("mooring-local-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        return tls;
    }

    private String mint(String body) {
        Map<String, Object> response = api().contentType("application/json").body(body)
                .post(DevTokenIssuer.TOKEN_PATH).then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .extract().as(Map.class);
        return (String) response.get("access_token");
    }

    private RequestSpecification api() {
        return given().baseUri("http://localhost").port(port);
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("mooring-local-mode-test");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
