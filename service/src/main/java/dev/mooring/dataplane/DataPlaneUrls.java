package dev.mooring.dataplane;

import dev.mooring.arm.PublicUrls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Each region's data-plane base URL: configured, or {@code {public base}/dataplane/{region}} where it is not. */
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
        return PublicUrls.baseUrl(request, "/dataplane/" + region.toLowerCase(Locale.ROOT)).build().toUriString();
    }
}
