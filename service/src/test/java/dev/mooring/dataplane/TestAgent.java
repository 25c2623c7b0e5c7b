package dev.mooring.dataplane;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** What a cluster's agent holds and sends: the onboarding key pair, its own identity key, its certificate. */
public final class TestAgent {

    final KeyPair onboardingKey = generate("RSA", 2048);
    public final KeyPair identityKey = generate("EC", 256);
    X509Certificate certificate;

    /** The onboarding public key as the az CLI sends it (base64 PKCS#1 DER). */
    public String agentPublicKeyCertificate() {
        try {
            return java.util.Base64.getEncoder().encodeToString(SubjectPublicKeyInfo.getInstance(
                    onboardingKey.getPublic().getEncoded()).parsePublicKey().getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String onboardingToken(String audience, String clusterResourceId, Duration lifetime, String jti) {
        return onboardingToken(onboardingKey, audience, clusterResourceId, Instant.now(), lifetime, jti,
                identityKey.getPublic());
    }

    /** An onboarding token signed with {@code key}, bound ({@code cnf.jkt}) to {@code csrKey}, or unbound when null. */
    public static String onboardingToken(KeyPair key, String audience, String subject, Instant issued, Duration lifetime,
            String jti, java.security.PublicKey csrKey) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).audience(audience)
                    .issueTime(Date.from(issued)).expirationTime(Date.from(issued.plus(lifetime))).jwtID(jti);
            if (csrKey != null) {
                claims.claim("cnf", java.util.Map.of("jkt", KeyThumbprint.of(csrKey)));
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String csr() {
        try {
            var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=mooring-agent"), identityKey.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(identityKey.getPrivate()));
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(csr);
            }
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String onboardBody(String token) {
        return "{\"token\":\"" + token + "\",\"csr\":\"" + csr().replace("\n", "\\n") + "\"}";
    }

    public void accept(String certificatePem) {
        try (var parser = new org.bouncycastle.openssl.PEMParser(new StringReader(certificatePem))) {
            certificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                    .getCertificate((org.bouncycastle.cert.X509CertificateHolder) parser.readObject());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Authorization} header value for a call to {@code audience}. */
    public String callAuthorization(String audience) {
        return callAuthorization(certificate, identityKey, audience);
    }

    /** The same naming the certificate by its thumbprint ({@code x5t#S256}) instead of carrying it. */
    public String callAuthorizationByThumbprint(String audience) {
        try {
            return call(new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .x509CertSHA256Thumbprint(com.nimbusds.jose.util.X509CertUtils.computeSHA256Thumbprint(certificate))
                    .build(), identityKey, audience);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String callAuthorization(X509Certificate certificate, KeyPair key, String audience) {
        try {
            return call(new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .x509CertChain(List.of(Base64.encode(certificate.getEncoded()))).build(), key, audience);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A call token with the given times, carrying this agent's certificate and signed with {@code signer}. */
    public String callAuthorization(String audience, KeyPair signer, Instant issuedAt, Instant expires) {
        try {
            return call(new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .x509CertChain(List.of(Base64.encode(certificate.getEncoded()))).build(), signer, audience,
                    issuedAt, expires);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String call(JWSHeader header, KeyPair key, String audience) {
        return call(header, key, audience, Instant.now(), Instant.now().plus(Duration.ofMinutes(2)));
    }

    private static String call(JWSHeader header, KeyPair key, String audience, Instant issuedAt, Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(header,
                    new JWTClaimsSet.Builder().audience(audience).issueTime(Date.from(issuedAt))
                            .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build());
            jwt.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
            return "AgentToken " + jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
