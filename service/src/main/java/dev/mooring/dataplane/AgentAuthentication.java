package dev.mooring.dataplane;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mooring.arm.Guids;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.clusters.ClusterDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Authenticates an agent's call: {@code Authorization: AgentToken <JWS>}, a short-lived token signed with the
 * agent's identity key and carrying its certificate ({@code x5c}) or naming it by thumbprint ({@code x5t#S256}). The certificate must be one Mooring's
 * CA issued, unexpired, not revoked, and name the very cluster in the URL; the token must be for this
 * region's data plane. An agent whose cluster was deleted gets 410.
 */
@Component
class AgentAuthentication {

    static final String SCHEME = "AgentToken ";
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    /** Certificates named by thumbprint are cached under this prefix and the thumbprint; those sent whole by hash. */
    private static final String X5T = "x5t#S256:";

    private final AgentCertificateAuthority ca;
    private final AgentCertificates certificates;
    private final ClusterDirectory clusters;
    private final AgentsProperties properties;
    private final DataPlaneUrls urls;
    private final Clock clock;

    /*
     * Immutable facts only are cached here: what a certificate says and whether Mooring's CA signed it (by the
     * SHA-256 of its x5c text, or by its thumbprint), and what a token proved once its signature checked out (by
     * the token's SHA-256; agents reuse a token for minutes). Revocation and the cluster's existence come from
     * AgentCertificates and ClusterDirectory, whose copies follow every change on any replica within milliseconds.
     */
    private final Cache<String, CertificateFacts> certificatesSeen = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(1)).build();
    private final Cache<String, VerifiedToken> verifiedTokens = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(5)).build();

    AgentAuthentication(AgentCertificateAuthority ca, AgentCertificates certificates, ClusterDirectory clusters,
            AgentsProperties properties, DataPlaneUrls urls, Clock clock) {
        this.ca = ca;
        this.certificates = certificates;
        this.clusters = clusters;
        this.properties = properties;
        this.urls = urls;
        this.clock = clock;
    }

    /** The agent calling about the cluster named by the path's parts; throws the data plane's ARM errors otherwise. */
    AgentPrincipal authenticate(HttpServletRequest request, String region, String subscription, String resourceGroup,
            String clusterName) {
        UUID subscriptionId = Guids.parse(subscription);
        if (subscriptionId == null) {
            throw DataPlaneErrors.unknownCluster();
        }
        UnaryOperator<String> dataPlaneUrlOfRegion = r -> urls.of(r, request);
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw DataPlaneErrors.unauthorized("AgentAuthenticationRequired",
                    "Agent calls need 'Authorization: AgentToken <token>'.");
        }
        String token = header.substring(SCHEME.length()).strip();
        Instant now = clock.instant();
        String tokenDigest = sha256(token.getBytes(StandardCharsets.US_ASCII));
        VerifiedToken proof = verifiedTokens.getIfPresent(tokenDigest);
        if (proof == null) {
            proof = verify(token);
            verifiedTokens.put(tokenDigest, proof);
        }
        ClusterReference certified = proof.cluster() == null ? null
                : clusters.findByInternalId(proof.cluster()).orElseThrow(DataPlaneErrors::clusterDeleted);
        if (certified == null || !certified.isAt(subscriptionId, resourceGroup, clusterName)) {
            throw new ArmException(HttpStatus.FORBIDDEN, "AgentClusterMismatch",
                    "An agent may call only about its own cluster.");
        }
        RegionCheck.require(certified, region, dataPlaneUrlOfRegion);
        AgentCertificates.Issued issued = certificates.find(proof.serial())
                .orElseThrow(() -> invalid("The agent certificate is unknown."));
        if (issued.revokedAt() != null) {
            throw DataPlaneErrors.unauthorized("AgentCertificateRevoked",
                    "The agent certificate was replaced by a later onboarding.");
        }
        if (now.isAfter(proof.certificateExpires())) {
            throw DataPlaneErrors.unauthorized("AgentCertificateExpired",
                    "The agent certificate expired; onboard again with the onboarding key.");
        }
        requireFresh(proof, dataPlaneUrlOfRegion.apply(region), now);
        return new AgentPrincipal(certified, proof.serial(), proof.certificateExpires());
    }

    /** What a token proves once its signature and certificate are checked. */
    private record VerifiedToken(UUID cluster, String serial, Instant certificateExpires, List<String> audience,
            Instant issuedAt, Instant expires) {
    }

    private VerifiedToken verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            CertificateFacts certificate = certificateOf(jwt.getHeader());
            if (!certificate.issuedByCa()) {
                throw invalid("The agent certificate was not issued by Mooring.");
            }
            if (!jwt.verify(certificate.verifier())) {
                throw invalid("The agent token's signature does not match its certificate.");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (claims.getIssueTime() == null || claims.getExpirationTime() == null) {
                throw invalid("The agent token needs iat and exp.");
            }
            return new VerifiedToken(certificate.cluster(), certificate.serial(), certificate.notAfter(),
                    claims.getAudience() == null ? List.of() : claims.getAudience(),
                    claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
        } catch (ParseException | JOSEException e) {
            throw invalid("The agent token is malformed.");
        }
    }

    /**
     * The certificate the token carries ({@code x5c}) or names by thumbprint ({@code x5t#S256}, a quarter of the
     * size; Mooring keeps what it issued). A certificate Mooring issued before it kept certificates is kept the
     * first time it comes in {@code x5c}.
     */
    private CertificateFacts certificateOf(JWSHeader header) {
        List<Base64> chain = header.getX509CertChain();
        if (chain != null && !chain.isEmpty()) {
            String x5c = chain.getFirst().toString();
            return certificatesSeen.get(sha256(x5c.getBytes(StandardCharsets.US_ASCII)), key -> {
                Inspected inspected = inspect(decode(x5c));
                if (inspected.facts().issuedByCa()) {
                    certificates.keep(inspected.certificate());
                }
                return inspected.facts();
            });
        }
        Base64URL thumbprint = header.getX509CertSHA256Thumbprint();
        if (thumbprint != null) {
            return certificatesSeen.get(X5T + thumbprint, key -> inspect(certificates.byThumbprint(thumbprint.toString())
                    .orElseThrow(() -> invalid("The agent certificate (x5t#S256) is unknown; send it in x5c.")))
                    .facts());
        }
        throw invalid("The agent token names no certificate (x5c or x5t#S256).");
    }

    /** What a certificate says, parsed once: whether Mooring's CA signed it, its cluster, serial and expiry. */
    private record CertificateFacts(boolean issuedByCa, UUID cluster, String serial, Instant notAfter,
            JWSVerifier verifier) {
    }

    private record Inspected(X509Certificate certificate, CertificateFacts facts) {
    }

    private static byte[] decode(String x5c) {
        try {
            return java.util.Base64.getMimeDecoder().decode(x5c);
        } catch (IllegalArgumentException e) {
            throw invalid("The agent token's certificate (x5c) is malformed.");
        }
    }

    private Inspected inspect(byte[] der) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new Inspected(certificate, new CertificateFacts(ca.issued(certificate),
                    AgentCertificateAuthority.clusterOf(certificate), certificate.getSerialNumber().toString(16),
                    certificate.getNotAfter().toInstant(), verifier(certificate)));
        } catch (GeneralSecurityException | JOSEException | IllegalArgumentException e) {
            throw invalid("The agent token's certificate (x5c) is malformed.");
        }
    }

    private void requireFresh(VerifiedToken token, String dataPlaneUrl, Instant now) {
        if (!token.audience().contains(dataPlaneUrl)) {
            throw invalid("The agent token is for another audience; it must be '" + dataPlaneUrl + "'.");
        }
        if (!token.expires().isAfter(now) || token.issuedAt().isAfter(now.plus(CLOCK_SKEW))
                || Duration.between(token.issuedAt(), token.expires()).compareTo(properties.tokenMaxLifetime()) > 0) {
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

    private static String sha256(byte[] bytes) {
        try {
            // A copy of a ready digest: looking the algorithm up among the providers costs more than hashing a token.
            return HexFormat.of().formatHex(((MessageDigest) SHA_256.clone()).digest(bytes));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The SHA-256 digest cannot be copied", e);
        }
    }

    private static final MessageDigest SHA_256 = sha256Digest();

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static ArmException invalid(String message) {
        return DataPlaneErrors.unauthorized("InvalidAgentCredential", message);
    }
}
