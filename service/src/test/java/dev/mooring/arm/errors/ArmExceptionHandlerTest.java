package dev.mooring.arm.errors;

import dev.mooring.arm.pipeline.RequestIds;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.mooring.testing.CapturedLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.ResponseEntity;

class ArmExceptionHandlerTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void anUnexpectedFailureIsA500NamingOnlyTheRequestId() {
        MDC.put(RequestIds.REQUEST_ID_MDC_KEY, "req-42");
        ResponseEntity<ArmError.Body> response;
        try (CapturedLogs logs = new CapturedLogs(ArmExceptionHandler.class)) {
            response = new ArmExceptionHandler().unexpected(new IllegalStateException("secret detail at com.example.Internal"));
            // The detail is for the operators' log, with the request id the caller is told.
            assertThat(logs.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo("secret detail at com.example.Internal");
                assertThat(event.getMDCPropertyMap()).containsEntry(RequestIds.REQUEST_ID_MDC_KEY, "req-42");
            });
        }
        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getBody().error().code()).isEqualTo("InternalServerError");
        assertThat(response.getBody().error().message()).contains("req-42")
                .doesNotContain("secret").doesNotContain("com.example");
    }
}
