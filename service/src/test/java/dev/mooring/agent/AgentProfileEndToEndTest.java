package dev.mooring.agent;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mooring.testing.ServiceTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * connectedClusters 2026-05-01's agent profile end to end with the reference agent: the desired agent version
 * (a simulated upgrade, and a version it cannot install reported as an error), the Arc agentry configurations
 * with their protected settings delivered to the agent only, and the OIDC issuer: the agent uploads the
 * cluster's service-account key and a JWT library that knows only the discovery document verifies a token
 * signed with it, until the key rotates away.
 */
class AgentProfileEndToEndTest extends ServiceTest {

    static final String V2026 = "2026-05-01";

    @Test
    void theAgentFollowsItsProfileAndTheIssuerVerifiesItsServiceAccountTokens() throws Exception {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/rg?api-version=2021-04-01").then().statusCode(201);
        registerProvider(t, "Microsoft.Kubernetes");
        KeyPair onboarding = TestConnectAgent.newOnboardingKey();
        String cluster = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/wi";
        String secret = "agentry-secret-" + java.util.UUID.randomUUID();
        String body = "{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{"
                + "\"agentPublicKeyCertificate\":\"" + TestConnectAgent.agentPublicKeyCertificate(onboarding) + "\","
                + "\"arcAgentProfile\":{\"desiredAgentVersion\":\"%s\",\"agentAutoUpgrade\":\"Disabled\"},"
                + "\"oidcIssuerProfile\":{\"enabled\":true},\"securityProfile\":{\"workloadIdentity\":{\"enabled\":true}},"
                + "\"arcAgentryConfigurations\":[{\"feature\":\"proxy\",\"settings\":{\"mode\":\"strict\"},"
                + "\"protectedSettings\":{\"token\":\"" + secret + "\"}}]}}";
        as(t.owner()).contentType("application/json").body(body.formatted("0.2.0")).put(cluster + "?api-version=" + V2026)
                .then().statusCode(201);
        awaitProvisioned(t.owner(), cluster + "?api-version=" + V2026);

        RSAKey first = new RSAKeyGenerator(2048).keyID("sa-key-1").generate();
        AtomicReference<RSAKey> current = new AtomicReference<>(first);
        Path state = Files.createTempDirectory("agent-state");
        AgentSettings settings = new AgentSettings(t.subscriptionId().toString(), "rg", "wi", "eastus",
                t.tenantId().toString(), Pems.write(onboarding.getPrivate()), "http://localhost:" + port + "/dataplane/eastus",
                state, null, null, null, null, null, null, null);
        Agent agent = new Agent(settings, new MooringClient(settings), ClusterFacts.fromSettings(settings), null,
                () -> new JWKSet(current.get().toPublicJWK()).toString(), Clock.systemUTC());
        agent.ensureIdentity();
        agent.heartbeat();

        // The desired version: Upgrading first, then the agent runs and reports it.
        agent.syncProfile();
        arm(t, cluster).then().body("properties.arcAgentProfile.agentState", equalTo("Upgrading"))
                .body("properties.arcAgentProfile.desiredAgentVersion", equalTo("0.2.0"))
                .body("properties.arcAgentProfile.systemComponents.find { it.type == 'mooring-agent' }.currentVersion",
                        equalTo(Agent.VERSION));
        agent.syncProfile();
        agent.heartbeat();
        eventually(() -> arm(t, cluster).then().body("properties.agentVersion", equalTo("0.2.0"))
                .body("properties.arcAgentProfile.agentState", equalTo("Succeeded"))
                .body("properties.arcAgentProfile.systemComponents.find { it.type == 'mooring-agent' }.currentVersion",
                        equalTo("0.2.0")));

        // The agentry configurations reach the agent with their protected settings; ARM never shows those.
        List<JsonNode> agentry = agent.profile().agentryConfigurations();
        assertThat(agentry).singleElement().satisfies(c -> {
            assertThat(c.get("feature").stringValue()).isEqualTo("proxy");
            assertThat(c.get("settings").get("mode").stringValue()).isEqualTo("strict");
            assertThat(c.get("protectedSettings").get("token").stringValue()).isEqualTo(secret);
        });
        assertThat(arm(t, cluster).asString()).doesNotContain(secret);

        // The issuer: discovery and JWKS, anonymous; a token signed with the uploaded key verifies.
        String issuer = arm(t, cluster).jsonPath().getString("properties.oidcIssuerProfile.issuerUrl");
        JsonPath discovery = anonymous().get(issuer + ".well-known/openid-configuration").then().statusCode(200)
                .extract().jsonPath();
        assertThat(discovery.getString("issuer")).isEqualTo(issuer);
        DefaultJWTProcessor<SecurityContext> verifier = verifier(discovery);
        JWTClaimsSet claims = verifier.process(token(first, issuer), null);
        assertThat(claims.getSubject()).isEqualTo("system:serviceaccount:default:app");
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("sa-key-1").generate();
        assertThatThrownBy(() -> verifier.process(token(stranger, issuer), null)).isNotNull();
        assertThatThrownBy(() -> verifier.process(token(first, "https://elsewhere.example/"), null)).isNotNull();

        // Rotation: the agent uploads the new set, which replaces the old one.
        RSAKey second = new RSAKeyGenerator(2048).keyID("sa-key-2").generate();
        current.set(second);
        agent.syncProfile();
        JWKSet published = JWKSet.parse(anonymous().get(discovery.getString("jwks_uri")).then().statusCode(200)
                .extract().asString());
        assertThat(published.getKeys()).extracting(k -> k.getKeyID()).containsExactly("sa-key-2");
        assertThat(published.getKeys().getFirst().isPrivate()).isFalse();
        DefaultJWTProcessor<SecurityContext> fresh = verifier(discovery);
        assertThat(fresh.process(token(second, issuer), null).getIssuer()).isEqualTo(issuer);
        assertThatThrownBy(() -> fresh.process(token(first, issuer), null)).isNotNull();

        // A desired version the agent cannot install comes back as an agent error, newest first.
        as(t.owner()).contentType("application/json").body(body.formatted("latest")).put(cluster + "?api-version=" + V2026)
                .then().statusCode(200);
        agent.syncProfile();
        arm(t, cluster).then().body("properties.arcAgentProfile.agentState", equalTo("Failed"))
                .body("properties.arcAgentProfile.agentErrors[0].severity", equalTo("Error"))
                .body("properties.arcAgentProfile.agentErrors[0].component", equalTo("mooring-agent"));
        assertThat(arm(t, cluster).jsonPath().getString("properties.arcAgentProfile.agentErrors[0].message"))
                .contains("'latest'");

        // Without the issuer, discovery is gone.
        as(t.owner()).contentType("application/json").body(body.formatted("0.2.0")
                .replace("\"oidcIssuerProfile\":{\"enabled\":true},\"securityProfile\":{\"workloadIdentity\":{\"enabled\":true}},",
                        "\"oidcIssuerProfile\":{\"enabled\":false},"))
                .put(cluster + "?api-version=" + V2026).then().statusCode(200);
        anonymous().get(issuer + ".well-known/openid-configuration").then().statusCode(404)
                .body("error.code", equalTo("IssuerNotFound"));
    }

    private io.restassured.response.Response arm(Tenant t, String cluster) {
        return as(t.owner()).get(cluster + "?api-version=" + V2026);
    }

    /** A verifier that knows nothing but the discovery document: its issuer and its jwks_uri. */
    private static DefaultJWTProcessor<SecurityContext> verifier(JsonPath discovery) throws Exception {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(discovery.getString("jwks_uri")).toURL())
                .retrying(false).refreshAheadCache(false).cache(false).rateLimited(false).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new JWTClaimsSet.Builder()
                .issuer(discovery.getString("issuer")).build(), Set.of("sub", "exp")));
        return processor;
    }

    private static String token(RSAKey key, String issuer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(issuer)
                .subject("system:serviceaccount:default:app").audience("api://AzureADTokenExchange")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
