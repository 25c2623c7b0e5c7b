package dev.mooring.dataplane;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The heartbeat and the identity call are answered by {@link LeanAgentCalls} ahead of Spring Security and Spring
 * MVC, and refuse exactly what the Spring MVC handlers refuse, with the same status and error code. The handlers
 * are reached with the cluster's name percent-encoded in the path, which the lean path hands on.
 */
class LeanAgentCallsTest extends AgentTestBase {

    private static final String BEAT = "{\"agentVersion\":\"0.1.0\",\"kubernetesVersion\":\"1.30.2\",\"totalNodeCount\":3}";

    @Autowired
    @Qualifier("leanAgentCallsFilter")
    FilterRegistrationBean<?> registration;

    @Test
    void theHeartbeatAndTheIdentityCallAreAnsweredWithoutGoingFurther() throws Exception {
        Onboarded c = onboarded("lean");
        for (String call : List.of("heartbeat", "identity")) {
            MockHttpServletRequest request = new MockHttpServletRequest(call.equals("heartbeat") ? "POST" : "GET",
                    c.path() + "/" + call);
            request.setServerPort(port);
            request.addHeader("Authorization", c.agent().callAuthorization(c.dataPlane()));
            request.setContentType("application/json");
            request.setContent(BEAT.getBytes());
            MockHttpServletResponse response = new MockHttpServletResponse();
            List<String> handedOn = new ArrayList<>();
            registration.getFilter().doFilter(request, response, (req, res) -> handedOn.add(call));
            assertThat(handedOn).as(call).isEmpty();
            assertThat(response.getStatus()).as(call).isEqualTo(200);
            assertThat(response.getContentAsString()).as(call)
                    .contains(call.equals("heartbeat") ? "\"nextHeartbeatSeconds\":" : "\"clusterResourceId\":\"" + c.resourceId());
        }
        assertThat(LeanAgentCalls.leanPath(new MockHttpServletRequest("POST", encoded(c) + "/heartbeat"))).isNull();
        assertThat(LeanAgentCalls.leanPath(new MockHttpServletRequest("POST", c.path() + "/heartbeat/"))).isNull();
        assertThat(LeanAgentCalls.leanPath(new MockHttpServletRequest("GET", c.path() + "/heartbeat"))).isNull();
        assertThat(LeanAgentCalls.leanPath(new MockHttpServletRequest("POST", c.path() + "/x/heartbeat"))).isNull();
        assertThat(LeanAgentCalls.leanPath(new MockHttpServletRequest("POST", c.path() + "/heartbeat"))).containsExactly(
                "dataplane", "eastus", "v1", "clusters", c.tenant().subscriptionId().toString(), "rg", "lean", "heartbeat");
    }

    /**
     * The lean path runs after the ARM filters, so its answers carry the request ids, its 401s draw from the
     * unauthenticated throttling bucket (UnauthenticatedThrottlingTest) and bodies are held to the size limit; and
     * before Spring Security, whose chain it replaces for these two calls.
     */
    @Test
    void theLeanPathRunsAfterTheArmFiltersAndBeforeSpringSecurity(
            @Autowired @Qualifier("requestIdsFilter") FilterRegistrationBean<?> requestIds,
            @Autowired @Qualifier("unauthenticatedThrottlingFilter") FilterRegistrationBean<?> throttling,
            @Autowired @Qualifier("requestSizeLimitFilter") FilterRegistrationBean<?> sizeLimit) {
        for (FilterRegistrationBean<?> before : List.of(requestIds, throttling, sizeLimit)) {
            assertThat(before.getOrder()).isLessThan(registration.getOrder());
        }
        assertThat(registration.getOrder()).isLessThan(
                org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties.DEFAULT_FILTER_ORDER);
        assertThat(registration.isEnabled()).isTrue();
    }

    @Test
    void bothPathsAnswerAHeartbeatAlike() {
        Onboarded c = onboarded("alike");
        Response lean = agent(c).contentType("application/json").body(BEAT).post(c.path() + "/heartbeat");
        Response mvc = agent(c).urlEncodingEnabled(false).contentType("application/json").body(BEAT)
                .post(encoded(c) + "/heartbeat");
        assertThat(lean.body().asString()).isEqualTo(mvc.body().asString());
        for (String header : List.of("Content-Type", "Cache-Control", "X-Content-Type-Options", "Content-Encoding")) {
            assertThat(lean.header(header)).as(header).isEqualTo(mvc.header(header));
        }
        assertThat(lean.header("x-ms-request-id")).isNotBlank();
        for (String path : List.of(c.path(), encoded(c))) {
            agent(c).urlEncodingEnabled(false).contentType("application/json").body(BEAT).post(path + "/heartbeat")
                    .then().statusCode(200)
                    .body("nextHeartbeatSeconds", org.hamcrest.Matchers.greaterThan(0));
            agent(c).urlEncodingEnabled(false).get(path + "/identity").then().statusCode(200)
                    .body("clusterResourceId", org.hamcrest.Matchers.equalTo(c.resourceId()));
            // A body that is not JSON, or not a heartbeat: the handler's own 415 and 400.
            agent(c).urlEncodingEnabled(false).contentType("text/plain").body("beat").post(path + "/heartbeat").then().statusCode(415);
            agent(c).urlEncodingEnabled(false).contentType("application/json").body("{\"totalNodeCount\":\"many\"}").post(path + "/heartbeat")
                    .then().statusCode(400).body("error.code", org.hamcrest.Matchers.equalTo("InvalidRequestContent"));
        }
    }

    @Test
    void theLeanPathRefusesWhatSpringMvcRefuses() {
        Onboarded c = onboarded("refusals");
        Onboarded other = onboarded("refusals-other");
        Instant now = Instant.now();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("missing", null);
        tokens.put("bearer", "Bearer " + c.agent().callAuthorization(c.dataPlane()).substring("AgentToken ".length()));
        tokens.put("malformed", "AgentToken not.a.token");
        tokens.put("expired", c.agent().callAuthorization(c.dataPlane(), c.agent().identityKey,
                now.minus(Duration.ofMinutes(4)), now.minus(Duration.ofMinutes(1))));
        tokens.put("too long", c.agent().callAuthorization(c.dataPlane(), c.agent().identityKey, now,
                now.plus(Duration.ofHours(1))));
        tokens.put("forged", c.agent().callAuthorization(c.dataPlane(), TestAgent.generate("EC", 256), now,
                now.plus(Duration.ofMinutes(2))));
        tokens.put("another audience", c.agent().callAuthorization("http://localhost:" + port + "/dataplane/westus"));
        tokens.put("another cluster's", other.agent().callAuthorization(other.dataPlane()));
        Map<String, Integer> expected = Map.of("another cluster's", 403);
        tokens.forEach((what, token) -> same(c, what, token, expected.getOrDefault(what, 401)));

        // A token that worked, replayed after its certificate was revoked by a later onboarding.
        String before = c.agent().callAuthorization(c.dataPlane());
        same(c, "before revocation", before, 200);
        c.agent().accept(anonymous().contentType("application/json").body(c.agent().onboardBody(c.agent()
                .onboardingToken(c.dataPlane(), c.resourceId(), Duration.ofMinutes(4), UUID.randomUUID().toString())))
                .post(c.path() + "/onboard").then().statusCode(200).extract().path("certificate"));
        same(c, "revoked", before, 401);

        // The cluster deleted through ARM: its agent is told to stop.
        as(c.tenant().owner()).delete(c.resourceId() + "?api-version=2024-01-01").then().statusCode(202);
        awaitGone(c.tenant().owner(), c.resourceId() + "?api-version=2024-01-01");
        String current = c.agent().callAuthorization(c.dataPlane());
        eventually(() -> same(c, "deleted", current, 410));
    }

    /** The heartbeat and the identity call, on the lean path and through Spring MVC: one status and error code. */
    private void same(Onboarded c, String what, String token, int status) {
        for (String call : List.of("heartbeat", "identity")) {
            Function<String, Response> send = path -> {
                var request = anonymous().urlEncodingEnabled(false);
                if (token != null) {
                    request = request.header("Authorization", token);
                }
                return call.equals("heartbeat") ? request.contentType("application/json").body(BEAT)
                        .post(path + "/heartbeat") : request.get(path + "/identity");
            };
            Response lean = send.apply(c.path());
            Response mvc = send.apply(encoded(c));
            assertThat(lean.statusCode()).as(what + " " + call + " on the lean path").isEqualTo(status);
            assertThat(mvc.statusCode()).as(what + " " + call + " through Spring MVC").isEqualTo(status);
            if (status != 200) {
                assertThat(lean.jsonPath().getString("error.code")).as(what + " " + call)
                        .isNotBlank().isEqualTo(mvc.jsonPath().getString("error.code"));
                assertThat(lean.jsonPath().getString("error.message")).isEqualTo(mvc.jsonPath().getString("error.message"));
            }
        }
    }

    /** The cluster's path with its name's first letter percent-encoded: Spring MVC's route, not the lean path's. */
    private static String encoded(Onboarded c) {
        return c.path().substring(0, c.path().length() - c.name().length()) + "%"
                + Integer.toHexString(c.name().charAt(0)) + c.name().substring(1);
    }
}
