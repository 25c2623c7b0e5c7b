package dev.mooring.agents;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.clusters.ConnectedClusters;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Authenticates an agent's call: {@code Authorization: AgentToken <JWS>}, a short-lived token signed with the
 * agent's identity key and carrying its certificate chain ({@code x5c}). The certificate must be one Mooring's
 * CA issued, unexpired, not revoked, and name the very cluster in the URL; the token must be for this
 * region's data plane. An agent whose cluster was deleted gets 410.
 */
@Component
class AgentAuthentication {

    static final String SCHEME = "AgentToken ";
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /** An authenticated agent: its cluster and its certificate. */
    record Agent(ClusterReference cluster, String certificateSerial, Instant certificateExpires) {
    }

    private final AgentCertificateAuthority ca;
    private final AgentCertificates certificates;
    private final ConnectedClusters clusters;
    private final AgentsProperties properties;
    private final Clock clock;

    /*
     * The heartbeat path should not read the database: certificates this CA verified (by the SHA-256 of their
     * DER) and clusters are cached briefly. A deletion reaches this replica at once (forget()) and the others
     * within AgentCertificates.CACHE_SECONDS.
     */
    private final Cache<String, Boolean> verified = cache();
    private final Cache<UUID, Optional<ClusterReference>> clusterById = cache();

    private static <K, V> Cache<K, V> cache() {
        return Caffeine.newBuilder().maximumSize(2_000_000)
                .expireAfterWrite(Duration.ofSeconds(AgentCertificates.CACHE_SECONDS)).build();
    }

    /** Drops what this replica cached about a deleted cluster. */
    void forget(UUID clusterId) {
        clusterById.invalidate(clusterId);
    }

    AgentAuthentication(AgentCertificateAuthority ca, AgentCertificates certificates, ConnectedClusters clusters,
            AgentsProperties properties, Clock clock) {
        this.ca = ca;
        this.certificates = certificates;
        this.clusters = clusters;
        this.properties = properties;
        this.clock = clock;
    }

    Agent authenticate(HttpServletRequest request, String region, UnaryOperator<String> dataPlaneUrlOfRegion,
            UUID subscriptionId, String resourceGroup, String clusterName) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw DataPlaneErrors.unauthorized("AgentAuthenticationRequired",
                    "Agent calls need 'Authorization: AgentToken <token>'.");
        }
        Instant now = clock.instant();
        try {
            SignedJWT jwt = SignedJWT.parse(header.substring(SCHEME.length()).strip());
            List<Base64> chain = jwt.getHeader().getX509CertChain();
            if (chain == null || chain.isEmpty()) {
                throw invalid("The agent token carries no certificate (x5c).");
            }
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(chain.getFirst().decode()));
            String fingerprint = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            if (!verified.get(fingerprint, key -> ca.issued(certificate))) {
                throw invalid("The agent certificate was not issued by Mooring.");
            }
            UUID certifiedCluster = AgentCertificateAuthority.clusterOf(certificate);
            ClusterReference certified = certifiedCluster == null ? null
                    : clusterById.get(certifiedCluster, clusters::findByInternalId).orElseThrow(DataPlaneErrors::clusterDeleted);
            String addressed = ("/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                    + "/providers/Microsoft.Kubernetes/connectedClusters/" + clusterName);
            if (certified == null || !certified.resourceId().equalsIgnoreCase(addressed)) {
                throw new dev.mooring.arm.ArmException(org.springframework.http.HttpStatus.FORBIDDEN,
                        "AgentClusterMismatch", "An agent may call only about its own cluster.");
            }
            RegionCheck.require(certified, region, dataPlaneUrlOfRegion);
            String serial = certificate.getSerialNumber().toString(16);
            AgentCertificates.Issued issued = certificates.find(serial)
                    .orElseThrow(() -> invalid("The agent certificate is unknown."));
            if (issued.revokedAt() != null) {
                throw DataPlaneErrors.unauthorized("AgentCertificateRevoked",
                        "The agent certificate was replaced by a later onboarding.");
            }
            if (now.isAfter(certificate.getNotAfter().toInstant())) {
                throw DataPlaneErrors.unauthorized("AgentCertificateExpired",
                        "The agent certificate expired; onboard again with the onboarding key.");
            }
            if (!jwt.verify(verifier(certificate))) {
                throw invalid("The agent token's signature does not match its certificate.");
            }
            requireFresh(jwt.getJWTClaimsSet(), dataPlaneUrlOfRegion.apply(region), now);
            return new Agent(certified, serial, certificate.getNotAfter().toInstant());
        } catch (ParseException | GeneralSecurityException | JOSEException e) {
            throw invalid("The agent token is malformed.");
        }
    }

    private void requireFresh(JWTClaimsSet claims, String dataPlaneUrl, Instant now) {
        if (claims.getAudience() == null || !claims.getAudience().contains(dataPlaneUrl)) {
            throw invalid("The agent token is for another audience; it must be '" + dataPlaneUrl + "'.");
        }
        if (claims.getIssueTime() == null || claims.getExpirationTime() == null) {
            throw invalid("The agent token needs iat and exp.");
        }
        Instant issued = claims.getIssueTime().toInstant();
        Instant expires = claims.getExpirationTime().toInstant();
        if (!expires.isAfter(now) || issued.isAfter(now.plus(CLOCK_SKEW))
                || Duration.between(issued, expires).compareTo(properties.tokenMaxLifetime()) > 0) {
            throw DataPlaneErrors.unauthorized("AgentTokenExpired", "The agent token has expired or lives too long.");
        }
    }

    private static JWSVerifier verifier(X509Certificate certificate) throws JOSEException {
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (certificate.getPublicKey() instanceof ECPublicKey ec) {
            return new ECDSAVerifier(ec);
        }
        throw new JOSEException("Unsupported agent key type " + certificate.getPublicKey().getAlgorithm());
    }

    private static dev.mooring.arm.ArmException invalid(String message) {
        return DataPlaneErrors.unauthorized("InvalidAgentCredential", message);
    }
}
