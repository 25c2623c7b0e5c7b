package dev.mooring.arm;

import dev.mooring.arm.operations.AsyncOperation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.ForwardedHeaderUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Absolute URLs built from the address the caller used: ARM requires Location, Azure-AsyncOperation and
 * nextLink to be absolute and on the caller's host. {@code Forwarded} and {@code X-Forwarded-*} headers
 * are honoured here only, for building these URLs; nothing else trusts them.
 */
public final class PublicUrls {

    private PublicUrls() {
    }

    /** The caller's view of this request's URL, query included. */
    public static UriComponentsBuilder requestUrl(HttpServletRequest request) {
        String query = request.getQueryString();
        URI uri = URI.create(request.getRequestURL() + (query == null ? "" : "?" + query));
        HttpHeaders headers = new HttpHeaders();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.addAll(name, Collections.list(request.getHeaders(name)));
        }
        return ForwardedHeaderUtils.adaptFromForwardedHeaders(uri, headers);
    }

    /** The caller's base URL (scheme, host, port), with {@code path} appended. */
    public static UriComponentsBuilder baseUrl(HttpServletRequest request, String path) {
        return requestUrl(request).replacePath(path).replaceQuery(null);
    }
}
