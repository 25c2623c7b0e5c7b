package dev.mooring.arm;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.ForwardedHeaderUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Absolute URLs built from the address the caller used: ARM requires Location, Azure-AsyncOperation and
 * nextLink to be absolute and on the caller's host. {@code Forwarded} and {@code X-Forwarded-*} headers
 * are honoured here only, for building these URLs; nothing else trusts them. Forwarding headers that make no
 * URL (a malformed {@code X-Forwarded-Host}, say) are ignored: the request's own URL, which the container
 * checked, serves instead.
 */
public final class PublicUrls {

    private PublicUrls() {
    }

    /** The caller's view of this request's URL, query included. */
    public static URI requestUri(HttpServletRequest request) {
        String query = request.getQueryString();
        URI own = URI.create(request.getRequestURL() + (query == null ? "" : "?" + query));
        HttpHeaders headers = new HttpHeaders();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.addAll(name, Collections.list(request.getHeaders(name)));
        }
        try {
            return URI.create(ForwardedHeaderUtils.adaptFromForwardedHeaders(own, headers).build().toUriString());
        } catch (IllegalArgumentException malformedForwarding) {
            return own;
        }
    }

    /** The caller's view of this request's URL, query included, to build on. */
    public static UriComponentsBuilder requestUrl(HttpServletRequest request) {
        return UriComponentsBuilder.fromUri(requestUri(request));
    }

    /** The caller's base URL (scheme, host, port), with {@code path} appended. */
    public static UriComponentsBuilder baseUrl(HttpServletRequest request, String path) {
        return requestUrl(request).replacePath(path).replaceQuery(null);
    }
}
