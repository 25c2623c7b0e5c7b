package dev.mooring.access;

import dev.mooring.arm.errors.ArmErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 the way ARM answers it: Spring's {@code WWW-Authenticate: Bearer ...} header (RFC 6750) plus an ARM
 * error body, which is where the Azure SDKs look for the code.
 */
final class ArmAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final AuthenticationFailures failures;
    private final ArmErrorWriter writer;

    ArmAuthenticationEntryPoint(List<String> audiences, ArmErrorWriter writer) {
        this.failures = new AuthenticationFailures(audiences);
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        writer.write(response, HttpStatus.UNAUTHORIZED, failures.classify(request, failure));
    }
}
