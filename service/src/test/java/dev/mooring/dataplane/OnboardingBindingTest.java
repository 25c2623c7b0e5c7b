package dev.mooring.dataplane;

import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An onboarding token is redeemed only at the audience Mooring's configuration (or the request's own host) names,
 * never one a caller's forwarding headers claim, and only with the key of the CSR it is bound to.
 */
class OnboardingBindingTest extends AgentTestBase {

    @Test
    void aTokenForAnAudienceNamedOnlyByForwardingHeadersIsRefused() {
        Onboarded c = onboarded("forwarded");
        String attacker = "https://attacker.example/dataplane/eastus";
        String token = c.agent().onboardingToken(attacker, c.resourceId(), Duration.ofMinutes(4), UUID.randomUUID().toString());
        anonymous().header("X-Forwarded-Host", "attacker.example").header("X-Forwarded-Proto", "https")
                .header("Forwarded", "host=attacker.example;proto=https")
                .contentType("application/json").body(c.agent().onboardBody(token)).post(c.path() + "/onboard")
                .then().statusCode(401).body("error.code", equalTo("InvalidOnboardingToken"));
    }

    @Test
    void aTokenIsRedeemedOnlyWithTheKeyItIsBoundTo() {
        Onboarded c = onboarded("bound");
        String otherKey = TestAgent.onboardingToken(c.agent().onboardingKey, c.dataPlane(), c.resourceId(), Instant.now(),
                Duration.ofMinutes(4), UUID.randomUUID().toString(), TestAgent.generate("EC", 256).getPublic());
        anonymous().contentType("application/json").body(c.agent().onboardBody(otherKey)).post(c.path() + "/onboard")
                .then().statusCode(401).body("error.code", equalTo("InvalidOnboardingToken"));
        String unbound = TestAgent.onboardingToken(c.agent().onboardingKey, c.dataPlane(), c.resourceId(), Instant.now(),
                Duration.ofMinutes(4), UUID.randomUUID().toString(), null);
        anonymous().contentType("application/json").body(c.agent().onboardBody(unbound)).post(c.path() + "/onboard")
                .then().statusCode(401).body("error.code", equalTo("InvalidOnboardingToken"));
    }
}
