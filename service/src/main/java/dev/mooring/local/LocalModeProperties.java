package dev.mooring.local;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Local mode ({@code mooring.local.*}): what `spring-boot:test-run` turns on for a newcomer's machine.
 * Never enable it on a shared or production installation: it trusts its own token issuer.
 *
 * @param enabled          turns local mode on (the {@code local} profile sets it)
 * @param dataDirectory    where the embedded PostgreSQL data, the issuer key and the TLS files live
 * @param httpsPort        the extra HTTPS port (0 picks a free one)
 * @param tokenLifetime    lifetime of tokens the development issuer mints
 * @param issuer           the {@code iss} of those tokens
 * @param tenantId         the seeded tenant
 * @param subscriptionId   the seeded subscription, owned by the local user
 * @param subscriptionName its display name
 * @param userObjectId     the local user's object id ({@code oid})
 * @param userName         the local user's name ({@code upn})
 * @param clientId         the client id (application id) of the seeded service principal, which signs in with OAuth
 *                         2.0 client credentials at the ADFS-style authority {@code /adfs}; its secret is generated
 *                         on first start into {@code {data-directory}/dev-issuer/client-secret}
 * @param clientObjectId   that service principal's object id ({@code oid}); it owns the seeded subscription too
 * @param bindAddress      the interface the HTTP and HTTPS ports listen on unless {@code server.address} says
 *                         otherwise: loopback, so that nothing beyond this machine reaches a service that trusts
 *                         its own token issuer
 */
@ConfigurationProperties("mooring.local")
@Validated
public record LocalModeProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue(".mooring") @NotNull Path dataDirectory,
        @DefaultValue("8443") @Min(0) @Max(65535) int httpsPort,
        @DefaultValue("1h") @NotNull Duration tokenLifetime,
        @DefaultValue("https://mooring.local/dev-issuer/") @NotBlank String issuer,
        @DefaultValue("aaaaaaaa-0000-0000-0000-000000000001") @NotNull UUID tenantId,
        @DefaultValue("11111111-0000-0000-0000-000000000001") @NotNull UUID subscriptionId,
        @DefaultValue("Mooring local subscription") @NotBlank String subscriptionName,
        @DefaultValue("00000000-0000-0000-0000-00000000a11c") @NotNull UUID userObjectId,
        @DefaultValue("dev@mooring.local") @NotBlank String userName,
        @DefaultValue("bbbbbbbb-0000-0000-0000-000000000001") @NotNull UUID clientId,
        @DefaultValue("bbbbbbbb-0000-0000-0000-00000000a991") @NotNull UUID clientObjectId,
        @DefaultValue("127.0.0.1") @NotBlank String bindAddress) {

    public LocalModeProperties {
        if (tokenLifetime != null && (tokenLifetime.isNegative() || tokenLifetime.isZero()
                || tokenLifetime.compareTo(Duration.ofDays(1)) > 0)) {
            throw new IllegalArgumentException("mooring.local.token-lifetime must be between 1s and 1d");
        }
    }

    Path issuerDirectory() {
        return dataDirectory.resolve("dev-issuer");
    }

    Path tlsDirectory() {
        return dataDirectory.resolve("tls");
    }
}
