package dev.mooring.dataplane;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Each region's data-plane base URL, which agent tokens must name as their audience: configured, or where it is
 * not, {@code {scheme}://{host}/dataplane/{region}} of the request itself. Never from {@code Forwarded} or
 * {@code X-Forwarded-*} headers, which any caller can send; behind a proxy, configure the URLs (or let the servlet
 * container trust the proxy with {@code server.forward-headers-strategy=native}, which honours only its internal
 * proxies).
 */
@Component
public class DataPlaneUrls {

    private final AgentsProperties properties;

    DataPlaneUrls(AgentsProperties properties) {
        this.properties = properties;
    }

    /** The data-plane base URL agents of {@code region} use, as seen by the caller of {@code request}. */
    public String of(String region, HttpServletRequest request) {
        String configured = properties.dataPlaneUrls().get(region.toLowerCase(Locale.ROOT));
        if (configured != null) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        // The request URL is scheme://host[:port]/path: its origin ends at the first slash after "://".
        StringBuffer url = request.getRequestURL();
        int path = url.indexOf("/", url.indexOf("://") + 3);
        return (path < 0 ? url : url.substring(0, path)) + "/dataplane/" + region.toLowerCase(Locale.ROOT);
    }
}
