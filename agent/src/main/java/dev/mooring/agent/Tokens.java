package dev.mooring.agent;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** The agent's two kinds of token: the one-time onboarding proof and the short per-call token with its certificate. */
final class Tokens {

    /** How long a token lives (a call token unless the simulator asks for a longer life). */
    static final Duration LIFETIME = Duration.ofMinutes(4);

    private Tokens() {
    }

    /**
     * The onboarding proof, signed RS256 (the cluster's onboarding key is RSA: {@code agentPublicKeyCertificate}, as
     * in Arc) and bound to the identity key of the CSR it comes with ({@code cnf.jkt}, RFC 7800).
     */
    static String onboarding(PrivateKey onboardingKey, String audience, String clusterResourceId, PublicKey identityKey) {
        if (!(onboardingKey instanceof RSAPrivateKey)) {
            throw new IllegalArgumentException("The onboarding private key is " + onboardingKey.getAlgorithm()
                    + "; onboarding takes an RSA key (the key whose public half is the cluster's agentPublicKeyCertificate)");
        }
        try {
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    new JWTClaimsSet.Builder().subject(clusterResourceId).audience(audience).issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(LIFETIME))).jwtID(UUID.randomUUID().toString())
                            .claim("cnf", java.util.Map.of("jkt", thumbprint(identityKey))).build());
            jwt.sign(new RSASSASigner(onboardingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot sign the onboarding token", e);
        }
    }

    /** A call token: the certificate whole ({@code x5c}) until Mooring has accepted it, then its thumbprint. */
    static String call(AgentIdentity identity, String audience) {
        return call(identity, audience, LIFETIME);
    }

    /** A call token living {@code lifetime} (the simulator's tokens signed long ahead live longer). */
    static String call(AgentIdentity identity, String audience, Duration lifetime) {
        try {
            Instant now = Instant.now();
            boolean rsa = identity.key.getPrivate() instanceof RSAPrivateKey;
            JWSHeader.Builder header = new JWSHeader.Builder(rsa ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256);
            if (identity.presented) {
                header.x509CertSHA256Thumbprint(X509CertUtils.computeSHA256Thumbprint(identity.certificate));
            } else {
                header.x509CertChain(List.of(Base64.encode(identity.certificate.getEncoded())));
            }
            SignedJWT jwt = new SignedJWT(header.build(),
                    new JWTClaimsSet.Builder().audience(audience).issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(lifetime))).jwtID(UUID.randomUUID().toString()).build());
            jwt.sign(rsa ? new RSASSASigner(identity.key.getPrivate())
                    : new ECDSASigner((ECPrivateKey) identity.key.getPrivate()));
            return "AgentToken " + jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot sign the call token", e);
        }
    }

    /** RFC 7638 JWK SHA-256 thumbprint of an RSA or EC public key. */
    static String thumbprint(PublicKey key) throws com.nimbusds.jose.JOSEException {
        if (key instanceof java.security.interfaces.RSAPublicKey rsa) {
            return new com.nimbusds.jose.jwk.RSAKey.Builder(rsa).build().computeThumbprint().toString();
        }
        java.security.interfaces.ECPublicKey ec = (java.security.interfaces.ECPublicKey) key;
        return new com.nimbusds.jose.jwk.ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec)
                .build().computeThumbprint().toString();
    }
}
