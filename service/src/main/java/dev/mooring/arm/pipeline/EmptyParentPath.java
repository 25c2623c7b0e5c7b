package dev.mooring.arm.pipeline;

import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * ARM's provider path with an empty parent path, {@code .../providers/{namespace}//{type}/{name}}, is what
 * {@code az resource create/show/delete -g -n --resource-type} always sends: it is served as
 * {@code .../providers/{namespace}/{type}/{name}}. So is a path that starts with {@code //}, which clients send when
 * they join a base URL ending in {@code /} with an absolute path ({@code az cloud register} reads
 * {@code https://host//metadata/endpoints} so). Any other empty segment is refused with 400
 * {@code InvalidRequestPath} saying where, before Spring Security's firewall would refuse it without a reason.
 */
class EmptyParentPath extends OncePerRequestFilter {

    /** {@code /providers/{namespace}//} followed by a segment: the one place an empty segment is allowed. */
    private static final Pattern EMPTY_PARENT = Pattern.compile("(?i)(/providers/[^/]+)//(?=[^/])");
    private static final Pattern LEADING_SLASHES = Pattern.compile("^//+(?=[^/])");

    private final ArmErrorWriter errors;

    EmptyParentPath(ArmErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (!uri.contains("//")) {
            chain.doFilter(request, response);
            return;
        }
        String normalized = normalize(uri);
        int empty = normalized.indexOf("//");
        if (empty >= 0) {
            errors.write(response, HttpStatus.BAD_REQUEST, new ArmError("InvalidRequestPath", "The request path has an"
                    + " empty segment ('//') after '" + prefix(normalized, empty) + "'. Only an empty parent path"
                    + " right after a provider namespace ('/providers/{namespace}//{type}/{name}') is allowed."));
            return;
        }
        chain.doFilter(new Normalized(request, normalized, normalize(request.getServletPath())), response);
    }

    static String normalize(String path) {
        return EMPTY_PARENT.matcher(LEADING_SLASHES.matcher(path).replaceFirst("/")).replaceAll("$1/");
    }

    /** The path up to the empty segment, shortened from the left (it may be long; it is the caller's own path). */
    private static String prefix(String path, int end) {
        String before = path.substring(0, end);
        return before.length() <= 120 ? before : "..." + before.substring(before.length() - 117);
    }

    /** The request as if it had been sent with the empty parent path left out. */
    private static final class Normalized extends HttpServletRequestWrapper {

        private final String uri;
        private final String servletPath;

        Normalized(HttpServletRequest request, String uri, String servletPath) {
            super(request);
            this.uri = uri;
            this.servletPath = servletPath;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public StringBuffer getRequestURL() {
            String url = super.getRequestURL().toString();
            String original = super.getRequestURI();
            return new StringBuffer(url.endsWith(original) ? url.substring(0, url.length() - original.length()) + uri
                    : url);
        }

        @Override
        public String getServletPath() {
            return servletPath;
        }
    }
}
