package dev.mooring.arm.pipeline;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.errors.ArmException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

class ThrottlingTest {

    private final CallerIdentity caller = new CallerIdentity(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
            null, "user", false, Set.of(), Set.of());

    static class Endpoints {
        @ArmOperation(resourceType = "Test/things", actions = ArmAction.RESOURCE_GROUPS_READ)
        void read() {
        }
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static ThrottlingProperties limits(int replicas) {
        return new ThrottlingProperties(true, replicas, 3, 1, 200, 10, 200, 10);
    }

    private MockHttpServletResponse call(Throttling throttling, String subscription) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(caller, null));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/subscriptions/" + subscription + "/things");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("subscriptionId", subscription));
        Method method = Endpoints.class.getDeclaredMethod("read");
        MockHttpServletResponse response = new MockHttpServletResponse();
        throttling.preHandle(request, response, new HandlerMethod(new Endpoints(), method));
        return response;
    }

    @Test
    void anEmptyBucketGives429WithRetryAfterAndRemainingCountsDown() throws Exception {
        Throttling throttling = new Throttling(limits(1));
        String subscription = UUID.randomUUID().toString();
        assertThat(call(throttling, subscription).getHeader("x-ms-ratelimit-remaining-subscription-reads")).isEqualTo("2");
        assertThat(call(throttling, subscription).getHeader("x-ms-ratelimit-remaining-subscription-reads")).isEqualTo("1");
        assertThat(call(throttling, subscription).getHeader("x-ms-ratelimit-remaining-subscription-reads")).isEqualTo("0");
        assertThatThrownBy(() -> call(throttling, subscription))
                .isInstanceOfSatisfying(ArmException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(429);
                    assertThat(e.error().code()).isEqualTo("TooManyRequests");
                });
        // Another subscription has a bucket of its own.
        assertThat(call(throttling, UUID.randomUUID().toString()).getStatus()).isEqualTo(200);
    }

    @Test
    void theRetryAfterHeaderIsSetOnTheThrottledAnswer() throws Exception {
        Throttling throttling = new Throttling(limits(1));
        String subscription = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            call(throttling, subscription);
        }
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(caller, null));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("subscriptionId", subscription));
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThatThrownBy(() -> throttling.preHandle(request, response,
                new HandlerMethod(new Endpoints(), Endpoints.class.getDeclaredMethod("read"))))
                .isInstanceOf(ArmException.class);
        assertThat(Integer.parseInt(response.getHeader("Retry-After"))).isBetween(1, 2);
    }

    @Test
    void bucketsAreSizedPerReplica() throws Exception {
        Throttling throttling = new Throttling(new ThrottlingProperties(true, 3, 9, 3, 200, 10, 200, 10));
        String subscription = UUID.randomUUID().toString();
        assertThat(call(throttling, subscription).getHeader("x-ms-ratelimit-remaining-subscription-reads")).isEqualTo("2");
    }
}
