package dev.mooring.connect;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mooring.clusters.ConnectCredentialIssuer.Mode;
import dev.mooring.secrets.SecretBox;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Mooring's own short-lived credentials for cluster connect, HS256 JWTs under a key derived from the active
 * key-encryption key (its id is the token's {@code kid}, so tokens outlive a key rotation while the old key
 * stays configured). A user token binds caller, cluster and mode; a peer token lets one replica forward to
 * another.
 */
@Component
class ConnectTokens {

    private static final String ISSUER = "mooring-connect";
    private static final String PURPOSE = "mooring-connect-token-v1";
    private static final String PEER_AUDIENCE = "mooring-peer";

    /** What a verified user credential says. */
    record Grant(UUID cluster, String clusterHash, Mode mode, String tenantId, String objectId, String userName,
            List<String> groups, Instant expires) {

        /** The Kubernetes user the agent impersonates: the user principal name when there is one, else the oid. */
        String kubernetesUser() {
            return userName != null ? userName : objectId;
        }
    }

    /** Why a credential was refused, in ARM's codes. */
    static final class Refused extends Exception {
        final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private final SecretBox box;
    private final Clock clock;
    /**
     * Credentials verified lately, by cluster hash and token: a kubectl session presents the same one with every
     * request. Entries never outlive the credential (checked on every hit) nor a minute.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Grant> verifiedLately =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                    .expireAfterWrite(java.time.Duration.ofMinutes(1)).build();
    /** Derived keys by key id, computed once: the key-encryption keys do not change while the service runs. */
    private final java.util.Map<String, java.util.Optional<byte[]>> keys = new java.util.concurrent.ConcurrentHashMap<>();

    ConnectTokens(SecretBox box, Clock clock) {
        this.box = box;
        this.clock = clock;
    }

    String issue(Grant grant) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience(grant.clusterHash()))
                .subject(grant.objectId())
                .claim("tid", grant.tenantId())
                .claim("cid", grant.cluster().toString())
                .claim("mode", grant.mode().name())
                .claim("upn", grant.userName())
                .claim("groups", grant.groups())
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(grant.expires()))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return sign(claims);
    }

    Grant verify(String token, String clusterHash) throws Refused {
        String key = clusterHash + " " + token;
        Grant known = verifiedLately.getIfPresent(key);
        if (known != null && known.expires().isAfter(clock.instant())) {
            return known;
        }
        Grant grant = verifyAfresh(token, clusterHash);
        verifiedLately.put(key, grant);
        return grant;
    }

    private Grant verifyAfresh(String token, String clusterHash) throws Refused {
        JWTClaimsSet claims = verified(token, audience(clusterHash));
        try {
            return new Grant(UUID.fromString(claims.getStringClaim("cid")), clusterHash,
                    Mode.valueOf(claims.getStringClaim("mode")), claims.getStringClaim("tid"), claims.getSubject(),
                    claims.getStringClaim("upn"),
                    claims.getStringListClaim("groups") == null ? List.of() : claims.getStringListClaim("groups"),
                    claims.getExpirationTime().toInstant());
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw new Refused("InvalidAuthenticationToken", "The cluster connect credential is malformed.");
        }
    }

    /** A token one replica shows another when it opens a peer link; lives one minute. */
    String peerToken() {
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder().issuer(ISSUER).audience(PEER_AUDIENCE).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60))).build());
    }

    void verifyPeer(String token) throws Refused {
        verified(token, PEER_AUDIENCE);
    }

    private String sign(JWTClaimsSet claims) {
        String keyId = box.activeKeyId();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keyId)
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(key(keyId)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a connect token", e);
        }
    }

    private JWTClaimsSet verified(String token, String audience) throws Refused {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            String keyId = jwt.getHeader().getKeyID();
            java.util.Optional<byte[]> key = keyId == null ? java.util.Optional.empty() : derived(keyId);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || key.isEmpty()
                    || !jwt.verify(new MACVerifier(key.get()))) {
                throw invalid();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null
                    || !claims.getAudience().contains(audience)) {
                throw invalid();
            }
            if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
                throw new Refused("ExpiredAuthenticationToken",
                        "The cluster connect credential has expired; get a new one with listClusterUserCredential.");
            }
            return claims;
        } catch (ParseException | JOSEException e) {
            throw invalid();
        }
    }

    private byte[] key(String keyId) {
        return derived(keyId).orElseThrow(() -> new IllegalStateException("No key " + keyId));
    }

    private java.util.Optional<byte[]> derived(String keyId) {
        return keys.computeIfAbsent(keyId, id -> box.derivedKey(id, PURPOSE));
    }

    private static String audience(String clusterHash) {
        return "connect:" + clusterHash;
    }

    private static Refused invalid() {
        return new Refused("InvalidAuthenticationToken", "The cluster connect credential is not valid.");
    }
}
