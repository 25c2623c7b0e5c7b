package dev.mooring.metadata;

import dev.mooring.access.PublicEndpoints;
import dev.mooring.access.SignInAuthority;
import dev.mooring.arm.PublicUrls;
import dev.mooring.dataplane.DataPlaneUrls;
import dev.mooring.tenancy.Region;
import dev.mooring.tenancy.Regions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /metadata/endpoints}: ARM's cloud metadata, unauthenticated as ARM serves it. {@code az cloud register
 * --endpoint-resource-manager} reads the 2015-01-01 shape (one object); SDKs and newer clients read the list shape
 * of 2019-05-01 and later (one cloud). Both name the resource manager, the authority and the token audiences;
 * Mooring adds each served region's agent data plane. In local mode the authority is Mooring's own ADFS-style
 * one ({@link SignInAuthority}).
 */
@RestController
class MetadataEndpointsController {

    static final String PATH = "/metadata/endpoints";
    /** The first api-version whose document is a list of clouds. */
    private static final String LIST_SHAPE_SINCE = "2019-05-01";

    private final MetadataProperties properties;
    private final OAuth2ResourceServerProperties resourceServer;
    private final Regions regions;
    private final DataPlaneUrls dataPlanes;
    private final ObjectProvider<SignInAuthority> ownAuthority;

    MetadataEndpointsController(MetadataProperties properties, OAuth2ResourceServerProperties resourceServer,
            Regions regions, DataPlaneUrls dataPlanes, ObjectProvider<SignInAuthority> ownAuthority) {
        this.properties = properties;
        this.resourceServer = resourceServer;
        this.regions = regions;
        this.dataPlanes = dataPlanes;
        this.ownAuthority = ownAuthority;
    }

    @Bean
    static PublicEndpoints metadataIsPublic() {
        return () -> List.of(PATH);
    }

    record Authentication(String loginEndpoint, List<String> audiences, String tenant, String identityProvider) {
    }

    /** The 2015-01-01 document. */
    record Legacy(String galleryEndpoint, String graphEndpoint, String portalEndpoint, Authentication authentication,
            Map<String, String> mooringDataPlanes) {
    }

    /** One cloud of the 2019-05-01 and later list. */
    record Cloud(String name, String resourceManager, String portal, Authentication authentication,
            Map<String, String> suffixes, Map<String, String> mooringDataPlanes) {
    }

    @GetMapping(PATH)
    Object endpoints(@RequestParam(name = "api-version", required = false) String apiVersion,
            HttpServletRequest request) {
        String resourceManager = resourceManager(request);
        SignInAuthority own = ownAuthority.getIfAvailable();
        List<String> audiences = resourceServer.getJwt().getAudiences();
        Authentication authentication = own == null
                ? new Authentication(properties.loginEndpoint(), audiences, "common", "AAD")
                : new Authentication(own.loginEndpoint(request), audiences, own.tenant(), own.identityProvider());
        Map<String, String> planes = new LinkedHashMap<>();
        for (Region region : regions.served()) {
            planes.put(region.name(), dataPlanes.of(region.name(), request));
        }
        if (apiVersion != null && apiVersion.compareTo(LIST_SHAPE_SINCE) >= 0) {
            return List.of(new Cloud(properties.cloudName(), resourceManager, resourceManager + "portal/",
                    authentication, Map.of(), planes));
        }
        return new Legacy(resourceManager, resourceManager, resourceManager + "portal/", authentication, planes);
    }

    private String resourceManager(HttpServletRequest request) {
        String configured = properties.publicUrl();
        String base = configured == null || configured.isBlank()
                ? PublicUrls.baseUrl(request, "/").build().toUriString() : configured;
        return base.endsWith("/") ? base : base + "/";
    }
}
