package dev.mooring.dataplane;

import dev.mooring.arm.errors.ArmErrorWriter;
import dev.mooring.arm.errors.ArmException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agents' hottest calls, the heartbeat and the identity no-op, answered by a servlet filter ahead of Spring
 * Security's filter chain and Spring MVC's dispatch, which cost about a third of a heartbeat's CPU
 * (docs/benchmarks/heartbeats.md). The call is authenticated by the very same {@link AgentAuthentication} as every
 * other agent call, refused with the same ARM errors, and answered by the same {@link HeartbeatIntake}; the ARM
 * filters before it (request ids, unauthenticated throttling, the request size limit) still run.
 *
 * <p>Anything out of the ordinary is handed on to Spring MVC's handlers in {@link DataPlaneController}, which
 * answer it as they always did: a path with encoded or odd segments, an {@code Accept} that is not JSON, a body
 * that is not JSON or does not parse (400 or 415 with the usual wording). A failure that is not an ARM refusal
 * (the database unreachable on a cold certificate lookup) goes to the servlet container's error page, which
 * answers 503 {@code ServiceUnavailable} for the database and an ARM error for anything else.
 */
class LeanAgentCalls extends HttpFilter {

    /** Segments of {@code /dataplane/{region}/v1/clusters/{subscriptionId}/{resourceGroupName}/{clusterName}/{call}}. */
    private static final int SEGMENTS = 8;

    private final AgentAuthentication authentication;
    private final HeartbeatIntake heartbeats;
    private final JsonMapper json;
    private final ArmErrorWriter errors;

    LeanAgentCalls(AgentAuthentication authentication, HeartbeatIntake heartbeats, JsonMapper json,
            ArmErrorWriter errors) {
        this.authentication = authentication;
        this.heartbeats = heartbeats;
        this.json = json;
        this.errors = errors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String[] path = leanPath(request);
        if (path == null || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            chain.doFilter(request, response);
            return;
        }
        AgentPrincipal agent;
        try {
            agent = authentication.authenticate(request, path[1], path[4], path[5], path[6]);
        } catch (ArmException refused) {
            errors.write(response, refused.status(), refused.error());
            return;
        }
        Object answer;
        if (path[7].equals("identity")) {
            answer = DataPlaneController.Identity.of(agent);
        } else {
            byte[] body = body(request);
            DataPlaneController.Heartbeat beat;
            try {
                beat = body.length == 0 ? null : isJson(request.getContentType())
                        ? json.readValue(body, DataPlaneController.Heartbeat.class) : null;
            } catch (JacksonException unreadable) {
                beat = null;
            }
            if (beat == null && body.length > 0) {
                chain.doFilter(new ReplayedBody(request, body), response);
                return;
            }
            answer = heartbeats.receive(agent, beat);
        }
        byte[] bytes = json.writeValueAsBytes(answer);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        // Of the headers Spring Security's chain adds, those that mean something to a JSON API's client; each header
        // costs Tomcat an encoder and a buffer per answer (about 800 bytes), at thousands of answers a second.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getOutputStream().write(bytes);
    }

    /**
     * The path's segments when this is a heartbeat (POST) or identity call (GET) with plain segments, else null.
     * Segments with percent-encoding, matrix parameters or dots go the long way, through the firewall and Spring
     * MVC's decoding.
     */
    static String[] leanPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String method = request.getMethod();
        String call = method.equals("POST") ? "heartbeat" : method.equals("GET") ? "identity" : null;
        if (call == null || !uri.startsWith(DataPlaneObservations.PREFIX) || !uri.endsWith("/" + call)
                || uri.indexOf('%') >= 0 || uri.indexOf(';') >= 0 || uri.contains("/.")) {
            return null;
        }
        String[] segments = new String[SEGMENTS];
        int from = 1;
        for (int i = 0; i < SEGMENTS; i++) {
            int to = uri.indexOf('/', from);
            if (to < 0) {
                to = uri.length();
            }
            if (to == from || (i < SEGMENTS - 1) == (to == uri.length())) {
                return null;
            }
            segments[i] = uri.substring(from, to);
            from = to + 1;
        }
        return segments[2].equals("v1") && segments[3].equals("clusters") && segments[7].equals(call) ? segments : null;
    }

    /** The body, read into an array of its declared length when it has one (a heartbeat is a few hundred bytes). */
    private static byte[] body(HttpServletRequest request) throws IOException {
        int length = request.getContentLength();
        if (length < 0) {
            return request.getInputStream().readAllBytes();
        }
        byte[] body = new byte[length];
        int read = request.getInputStream().readNBytes(body, 0, length);
        return read == length ? body : java.util.Arrays.copyOf(body, read);
    }

    private static boolean acceptsJson(String accept) {
        return accept == null || accept.isEmpty() || accept.contains("json") || accept.contains("*/*")
                || accept.contains("application/*");
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "application/json", 0, 16);
    }

    /** The request with a body already read, for the handler that reads it again. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was read already");
                }
            };
        }
    }
}
