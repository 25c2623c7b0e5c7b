package dev.mooring.arm;

import dev.mooring.arm.paging.Paging;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Everything an ARM request tells a feature, resolved once per request by the pipeline: the api-version it
 * accepted, the caller, the tenant owning the subscription in the path (once the subscription step checked it),
 * the conditional headers, the paging parameters, the request's scope and the caller's view of its URL.
 * Services take this instead of the servlet request; controllers own the response headers.
 *
 * @param apiVersion the api-version the pipeline accepted (null where the endpoint has none)
 * @param caller the authenticated caller
 * @param subscriptionTenant the tenant owning the path's subscription, when the path names one
 * @param preconditions {@code If-Match} / {@code If-None-Match}
 * @param scope the request path as sent, without a trailing slash: its ARM authorization scope
 * @param requestUrl the caller's view of the request URL, query included (absolute)
 * @param top the raw {@code $top} parameter, or null
 * @param skipToken the raw {@code $skipToken} parameter, or null
 */
public record ArmContext(String apiVersion, CallerIdentity caller, Optional<UUID> subscriptionTenant,
        Preconditions preconditions, String scope, URI requestUrl, String top, String skipToken) {

    /** The tenant owning the subscription in the path; only endpoints under a subscription may ask. */
    public UUID tenant() {
        return subscriptionTenant.orElseThrow(() -> new IllegalStateException(
                "No subscription step ran for this request: the endpoint is not under /subscriptions/{id}"));
    }

    /** Where the requested page starts and how long it is ({@code $top}, {@code $skipToken}). */
    public Paging.Request page() {
        return Paging.request(top, skipToken);
    }

    /** An absolute URL on the caller's host (scheme, host and port as the caller used them) with {@code path}. */
    public UriComponentsBuilder publicUrl(String path) {
        return UriComponentsBuilder.fromUri(requestUrl).replacePath(path).replaceQuery(null);
    }
}
