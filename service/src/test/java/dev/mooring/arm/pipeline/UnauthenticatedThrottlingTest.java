package dev.mooring.arm.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.arm.errors.ArmErrorWriter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class UnauthenticatedThrottlingTest {

    private final UnauthenticatedThrottling throttling = new UnauthenticatedThrottling(
            new UnauthenticatedThrottlingProperties(true, 3, 1), new ArmErrorWriter(JsonMapper.builder().build()));

    private MockHttpServletResponse call(String address, String authorization, int answer) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
        request.setRemoteAddr(address);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        throttling.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                ((MockHttpServletResponse) res).setStatus(answer);
            }
        });
        return response;
    }

    @Test
    void anAddressWithoutCredentialsIsThrottledAfterItsBucketEmpties() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(call("192.0.2.1", null, 200).getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse throttled = call("192.0.2.1", null, 200);
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getHeader("Retry-After")).isEqualTo("1");
        assertThat(throttled.getContentAsString()).contains("\"code\":\"TooManyRequests\"");
        assertThat(call("192.0.2.2", null, 200).getStatus()).as("another address has its own bucket").isEqualTo(200);
    }

    @Test
    void refusedCredentialsDrawFromTheBucketAndAcceptedOnesDoNot() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(call("192.0.2.3", "Bearer good", 200).getStatus()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(call("192.0.2.3", "Bearer forged", 401).getStatus()).isEqualTo(401);
        }
        assertThat(call("192.0.2.3", "Bearer forged", 401).getStatus()).isEqualTo(429);
    }
}
