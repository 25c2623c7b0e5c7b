package dev.mooring.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Agent calls are not observed (no request timer, no per-filter security observations); ARM calls still are. */
class DataPlaneObservationsTest extends AgentTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void agentCallsRecordNoRequestObservationWhileArmCallsDo() {
        Onboarded c = onboarded("unobserved");
        agent(c).get(c.path() + "/identity").then().statusCode(200);
        as(c.tenant().owner()).get(c.resourceId() + "?api-version=2024-01-01").then().statusCode(200);
        assertThat(meters.find("http.server.requests").timers()).as("request timers")
                .anyMatch(timer -> timer.getId().getTag("uri").contains("connectedClusters"))
                .noneMatch(timer -> timer.getId().getTag("uri").startsWith("/dataplane/"));
    }

    @Test
    void anyObservationMadeWhileAnAgentCallIsServedIsSkipped() {
        try {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                    new MockHttpServletRequest("POST", "/dataplane/eastus/v1/clusters/s/rg/c/heartbeat")));
            assertThat(DataPlaneObservations.isAgentCall(new Observation.Context())).isTrue();
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                    new MockHttpServletRequest("GET", "/subscriptions/s/resourcegroups")));
            assertThat(DataPlaneObservations.isAgentCall(new Observation.Context())).isFalse();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }
}
