package dev.mooring.notifications;

import dev.mooring.arm.Bounded;
import dev.mooring.arm.errors.ArmException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.hc.client5.http.DnsResolver;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where webhooks may point (SSRF): https only (http when allowed, and in local mode), no credentials in the URL,
 * and a host whose every address is public: never loopback, link-local (cloud metadata), private, carrier-grade
 * NAT, unique-local, multicast or unspecified, unless an operator allowed its network. The check runs when a
 * subscription is written and again on every connection, as the delivery client's {@link DnsResolver}, so a name
 * that later resolves elsewhere (DNS rebinding) is refused too.
 */
@Component
class Destinations implements DnsResolver {

    /** Not public although Java does not call them site- or link-local (IPv4 and IPv6 special-purpose ranges). */
    private static final List<IpAddressMatcher> SPECIAL = Stream.of("0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24",
                    "192.0.2.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4",
                    "168.63.129.16/32", "fc00::/7", "2001:db8::/32", "64:ff9b::/96", "100::/64")
            .map(IpAddressMatcher::new).toList();

    private final boolean allowHttp;
    private final List<IpAddressMatcher> allowed;

    /** In local mode (everything on one developer machine) http and loopback receivers are allowed too. */
    @Autowired
    Destinations(NotificationsProperties properties, @Value("${mooring.local.enabled:false}") boolean localMode) {
        this.allowHttp = properties.allowHttp() || localMode;
        this.allowed = Stream.concat(properties.allowedNetworks().stream(),
                        localMode ? Stream.of("127.0.0.0/8", "::1/128") : Stream.empty())
                .filter(n -> !n.isBlank()).map(String::strip).map(IpAddressMatcher::new).toList();
    }

    Destinations(NotificationsProperties properties) {
        this(properties, false);
    }

    /** The endpoint URL, checked (its scheme, its form, where it resolves to now); else a 400 naming {@code target}. */
    URI check(String endpointUrl, String target) {
        URI uri;
        try {
            uri = new URI(endpointUrl);
        } catch (URISyntaxException e) {
            throw invalid(target, "The endpoint URL is not a valid absolute URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw invalid(target, allowHttp ? "The endpoint URL must be an https or http URL."
                    : "The endpoint URL must be an https URL.");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw invalid(target, "The endpoint URL must name a host and carry no user name, password or fragment.");
        }
        try {
            resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw invalid(target, "The endpoint URL's host '" + Bounded.text(uri.getHost())
                    + "' does not resolve, or resolves to an address webhooks may not reach.");
        }
        return uri;
    }

    /** scheme://host[:port]/path without query: what the resource shows (the query may hold a key). */
    static String baseUrl(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** Whether a webhook may reach this address. */
    boolean permitted(InetAddress address) {
        if (allowed.stream().anyMatch(network -> network.matches(address.getHostAddress()))) {
            return true;
        }
        boolean special = address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || SPECIAL.stream().anyMatch(range -> range.matches(address.getHostAddress()));
        return !special;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(bare);
        if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(this::permitted)) {
            throw new UnknownHostException("Webhooks may not reach " + host);
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        resolve(host);
        return host;
    }

    private static ArmException invalid(String target, String message) {
        return ArmException.badRequest("InvalidEndpointUrl", message, target);
    }
}
