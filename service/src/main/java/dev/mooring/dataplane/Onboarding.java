package dev.mooring.dataplane;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.clusters.ClusterDirectory;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Onboarding: the agent proves it holds the onboarding private key (a short RS256 token the cluster's
 * {@code agentPublicKeyCertificate} verifies, for this region's data plane, used once) and receives a client
 * certificate for a key of its own (from its CSR), signed by Mooring's CA and naming the cluster.
 */
@Service
class Onboarding {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    record Request(String token, String csr) {
    }

    record Issued(String certificate, String caCertificate, Instant expiresAt) {
    }

    private final ClusterDirectory clusters;
    private final AgentCertificateAuthority ca;
    private final AgentCertificates certificates;
    private final AgentsProperties properties;
    private final Clock clock;

    Onboarding(ClusterDirectory clusters, AgentCertificateAuthority ca, AgentCertificates certificates,
            AgentsProperties properties, Clock clock) {
        this.clusters = clusters;
        this.ca = ca;
        this.certificates = certificates;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    Issued onboard(String region, java.util.function.UnaryOperator<String> dataPlaneUrlOfRegion, UUID subscriptionId,
            String resourceGroup, String clusterName, Request request) {
        ClusterDirectory.Onboarding target = clusters.onboarding(subscriptionId, resourceGroup, clusterName)
                .orElseThrow(DataPlaneErrors::unknownCluster);
        RegionCheck.require(target.cluster(), region, dataPlaneUrlOfRegion);
        String dataPlaneUrl = dataPlaneUrlOfRegion.apply(region);
        if (request == null || request.token() == null || request.csr() == null) {
            throw ArmException.badRequest("InvalidRequestContent", "Onboarding needs a 'token' and a 'csr'.", null);
        }
        if (target.onboardingKey() == null) {
            throw DataPlaneErrors.unauthorized("InvalidOnboardingToken", "This cluster has no onboarding key to verify with.");
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = verify(request.token(), target, dataPlaneUrl, now);
        PKCS10CertificationRequest csr = parseCsr(request.csr());
        Instant notBefore = now.minus(Duration.ofMinutes(5));
        Instant notAfter = now.plus(properties.certificateValidity());
        X509Certificate certificate;
        try {
            certificate = ca.issue(csr, target.cluster().id(), notBefore, notAfter);
        } catch (GeneralSecurityException e) {
            throw ArmException.badRequest("InvalidCsr", "The CSR is not valid: " + e.getMessage(), "csr");
        }
        requireBoundTo(claims, certificate);
        if (!certificates.firstUseOf(claims.getJWTID(), claims.getExpirationTime().toInstant(), now)) {
            throw DataPlaneErrors.unauthorized("OnboardingTokenReplayed", "This onboarding token was used before.");
        }
        certificates.issued(certificate, target.cluster().id(), notBefore, notAfter, now);
        clusters.recordIdentityCertificate(target.cluster().id(), notAfter);
        return new Issued(AgentCertificateAuthority.pem(certificate), AgentCertificateAuthority.pem(ca.certificate()),
                notAfter);
    }

    /**
     * Renewal: an agent authenticated by its current certificate sends a CSR for a new key and gets a new
     * certificate; the current one is revoked.
     */
    @Transactional
    Issued renew(AgentPrincipal agent, String csrPem) {
        if (csrPem == null) {
            throw ArmException.badRequest("InvalidRequestContent", "Renewal needs a 'csr'.", "csr");
        }
        Instant now = clock.instant();
        Instant notBefore = now.minus(Duration.ofMinutes(5));
        Instant notAfter = now.plus(properties.certificateValidity());
        X509Certificate certificate;
        try {
            certificate = ca.issue(parseCsr(csrPem), agent.cluster().id(), notBefore, notAfter);
        } catch (GeneralSecurityException e) {
            throw ArmException.badRequest("InvalidCsr", "The CSR is not valid: " + e.getMessage(), "csr");
        }
        certificates.issued(certificate, agent.cluster().id(), notBefore, notAfter, now);
        clusters.recordIdentityCertificate(agent.cluster().id(), notAfter);
        return new Issued(AgentCertificateAuthority.pem(certificate), AgentCertificateAuthority.pem(ca.certificate()),
                notAfter);
    }

    private JWTClaimsSet verify(String token, ClusterDirectory.Onboarding target, String dataPlaneUrl, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new RSASSAVerifier(target.onboardingKey()))) {
                throw DataPlaneErrors.unauthorized("InvalidOnboardingToken",
                        "The onboarding token is not an RS256 token signed by this cluster's onboarding key.");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (claims.getAudience() == null || !claims.getAudience().contains(dataPlaneUrl)) {
                throw DataPlaneErrors.unauthorized("InvalidOnboardingToken",
                        "The onboarding token is for another audience; it must be '" + dataPlaneUrl + "'.");
            }
            if (claims.getSubject() == null || !claims.getSubject().toLowerCase(Locale.ROOT)
                    .equals(target.cluster().resourceId().toLowerCase(Locale.ROOT))) {
                throw DataPlaneErrors.unauthorized("InvalidOnboardingToken",
                        "The onboarding token's subject must be the cluster's resource id.");
            }
            if (claims.getIssueTime() == null || claims.getExpirationTime() == null || claims.getJWTID() == null) {
                throw DataPlaneErrors.unauthorized("InvalidOnboardingToken", "The onboarding token needs iat, exp and jti.");
            }
            Instant issued = claims.getIssueTime().toInstant();
            Instant expires = claims.getExpirationTime().toInstant();
            if (!expires.isAfter(now) || issued.isAfter(now.plus(CLOCK_SKEW))) {
                throw DataPlaneErrors.unauthorized("OnboardingTokenExpired", "The onboarding token has expired or is not yet valid.");
            }
            if (Duration.between(issued, expires).compareTo(properties.tokenMaxLifetime()) > 0) {
                throw DataPlaneErrors.unauthorized("InvalidOnboardingToken", "The onboarding token may live at most "
                        + properties.tokenMaxLifetime().toMinutes() + " minutes.");
            }
            return claims;
        } catch (ParseException | JOSEException e) {
            throw DataPlaneErrors.unauthorized("InvalidOnboardingToken", "The onboarding token is malformed.");
        }
    }

    /** The token must name the CSR's key ({@code cnf.jkt}): a captured token is worthless with any other key. */
    private static void requireBoundTo(JWTClaimsSet claims, X509Certificate certificate) {
        Object confirmation = claims.getClaim("cnf");
        Object bound = confirmation instanceof java.util.Map<?, ?> cnf ? cnf.get("jkt") : null;
        String expected = KeyThumbprint.of(certificate.getPublicKey());
        if (!(bound instanceof String thumbprint) || expected == null || !expected.equals(thumbprint)) {
            throw DataPlaneErrors.unauthorized("InvalidOnboardingToken", "The onboarding token must name the CSR's key"
                    + " in cnf.jkt (its RFC 7638 SHA-256 thumbprint).");
        }
    }

    private static PKCS10CertificationRequest parseCsr(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (parsed instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
        } catch (IOException e) {
            // falls through
        }
        throw ArmException.badRequest("InvalidCsr", "The 'csr' must be a PEM PKCS#10 certificate request.", "csr");
    }
}
