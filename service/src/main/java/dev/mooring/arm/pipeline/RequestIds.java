package dev.mooring.arm.pipeline;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * ARM's request identifiers: every response carries a fresh {@code x-ms-request-id}; the caller's
 * {@code x-ms-correlation-request-id} is echoed (or created); {@code x-ms-client-request-id} is echoed
 * only when {@code x-ms-return-client-request-id: true}. All three go into the log context.
 */
public class RequestIds extends OncePerRequestFilter {

    public static final String REQUEST_ID = "x-ms-request-id";
    public static final String CORRELATION_ID = "x-ms-correlation-request-id";
    public static final String CLIENT_REQUEST_ID = "x-ms-client-request-id";
    static final String RETURN_CLIENT_REQUEST_ID = "x-ms-return-client-request-id";

    public static final String REQUEST_ID_MDC_KEY = "requestId";
    static final String CORRELATION_ID_MDC_KEY = "correlationId";
    static final String CLIENT_REQUEST_ID_MDC_KEY = "clientRequestId";

    /** Longer caller-supplied ids are cut: they are echoed in headers and logs. */
    private static final int MAX_ID_LENGTH = 128;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = UUID.randomUUID().toString();
        String correlationId = callerId(request, CORRELATION_ID);
        if (correlationId == null) {
            correlationId = UUID.randomUUID().toString();
        }
        String clientRequestId = callerId(request, CLIENT_REQUEST_ID);

        response.setHeader(REQUEST_ID, requestId);
        response.setHeader(CORRELATION_ID, correlationId);
        if (clientRequestId != null && "true".equalsIgnoreCase(request.getHeader(RETURN_CLIENT_REQUEST_ID))) {
            response.setHeader(CLIENT_REQUEST_ID, clientRequestId);
        }

        MDC.put(REQUEST_ID_MDC_KEY, requestId);
        MDC.put(CORRELATION_ID_MDC_KEY, correlationId);
        if (clientRequestId != null) {
            MDC.put(CLIENT_REQUEST_ID_MDC_KEY, clientRequestId);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(REQUEST_ID_MDC_KEY);
            MDC.remove(CORRELATION_ID_MDC_KEY);
            MDC.remove(CLIENT_REQUEST_ID_MDC_KEY);
        }
    }

    private static String callerId(HttpServletRequest request, String header) {
        String value = request.getHeader(header);
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.length() > MAX_ID_LENGTH ? trimmed.substring(0, MAX_ID_LENGTH) : trimmed;
    }
}
