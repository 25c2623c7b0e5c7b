package dev.mooring.arm;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, read from the validated access token's claims: {@code tid}, {@code oid},
 * {@code appid}/{@code azp}, {@code name}/{@code upn}, {@code roles}, {@code groups}.
 */
public record CallerIdentity(
        String tenantId,
        String objectId,
        String appId,
        String displayName,
        boolean application,
        Set<String> roles,
        Set<String> groups) {

    /** App role that makes a principal a Mooring platform administrator. */
    public static final String PLATFORM_ADMIN = "Platform.Admin";

    public static CallerIdentity from(Jwt jwt) {
        String appId = firstNonBlank(jwt.getClaimAsString("appid"), jwt.getClaimAsString("azp"));
        String upn = firstNonBlank(jwt.getClaimAsString("upn"), jwt.getClaimAsString("unique_name"),
                jwt.getClaimAsString("preferred_username"));
        // Entra ID marks app-only tokens with idtyp=app; a token without any user name is an app too.
        boolean application = "app".equalsIgnoreCase(jwt.getClaimAsString("idtyp"))
                || (upn == null && jwt.getClaimAsString("name") == null && appId != null);
        String displayName = firstNonBlank(upn, jwt.getClaimAsString("name"), appId, jwt.getClaimAsString("oid"));
        return new CallerIdentity(
                jwt.getClaimAsString("tid"),
                jwt.getClaimAsString("oid"),
                appId,
                displayName,
                application,
                claimSet(jwt, "roles"),
                claimSet(jwt, "groups"));
    }

    /** The caller as {@code systemData} names it. */
    public SystemData.Actor actor() {
        return new SystemData.Actor(displayName, application ? SystemData.Actor.APPLICATION : SystemData.Actor.USER);
    }

    public boolean isPlatformAdmin() {
        return roles.contains(PLATFORM_ADMIN);
    }

    /** The caller's own object id and its groups: the principals role assignments may name. */
    public Set<String> principalIds() {
        return Stream.concat(Stream.of(objectId), groups.stream())
                .map(String::toLowerCase)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> claimSet(Jwt jwt, String claim) {
        List<String> values = jwt.getClaimAsStringList(claim);
        return values == null ? Set.of() : Set.copyOf(values);
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
