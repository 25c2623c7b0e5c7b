package dev.mooring.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A stand-in identity provider for tests: serves a JWKS on loopback and mints RS256 tokens, good ones and
 * every kind of bad one. The service is configured for it only through Spring's standard properties.
 */
public final class TestIdentityProvider {

    public static final String ISSUER = "https://login.test.mooring/issuer/";
    public static final String AUDIENCE = "https://management.azure.com/";

    private static TestIdentityProvider shared;

    private final RSAKey trustedKey;
    private final RSAKey unknownKey;
    private final HttpServer server;
    private final AtomicInteger jwksFetches = new AtomicInteger();

    private TestIdentityProvider() throws IOException, JOSEException {
        trustedKey = new RSAKeyGenerator(2048).keyID("trusted-" + UUID.randomUUID()).generate();
        unknownKey = new RSAKeyGenerator(2048).keyID("unknown-" + UUID.randomUUID()).generate();
        byte[] jwks = new JWKSet(trustedKey.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    public static synchronized TestIdentityProvider shared() {
        if (shared == null) {
            try {
                shared = new TestIdentityProvider();
            } catch (IOException | JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
    }

    /** How many times the key set was fetched so far. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** A token for a user in a tenant; tweak it with the builder's methods before {@link Token#sign()}. */
    public Token user(String tenantId, String objectId) {
        return new Token(this, tenantId, objectId);
    }

    /** A random tenant and user, valid for the next hour. */
    public Token anyUser() {
        return user(UUID.randomUUID().toString(), UUID.randomUUID().toString());
    }

    public static final class Token {
        private final TestIdentityProvider idp;
        private final JWTClaimsSet.Builder claims;
        private RSAKey key;
        private String keyId;

        private Token(TestIdentityProvider idp, String tenantId, String objectId) {
            this.idp = idp;
            this.key = idp.trustedKey;
            Instant now = Instant.now();
            this.claims = new JWTClaimsSet.Builder()
                    .issuer(ISSUER)
                    .audience(AUDIENCE)
                    .subject(objectId)
                    .issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now.minusSeconds(5)))
                    .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                    .claim("tid", tenantId)
                    .claim("oid", objectId)
                    .claim("name", "Test User")
                    .claim("upn", "user-" + objectId.substring(0, 8) + "@test.mooring");
        }

        public Token issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Token audience(String audience) {
            claims.audience(audience);
            return this;
        }

        public Token expiredAgo(Duration ago) {
            Instant expiry = Instant.now().minus(ago);
            claims.expirationTime(Date.from(expiry)).issueTime(Date.from(expiry.minus(Duration.ofHours(1))))
                    .notBeforeTime(Date.from(expiry.minus(Duration.ofHours(1))));
            return this;
        }

        /** Valid from now until {@code lifetime} from now. */
        public Token expiresIn(Duration lifetime) {
            claims.expirationTime(Date.from(Instant.now().plus(lifetime)));
            return this;
        }

        public Token issuedAt(Instant at) {
            claims.issueTime(Date.from(at));
            return this;
        }

        public Token notBefore(Instant at) {
            claims.notBeforeTime(Date.from(at));
            return this;
        }

        /** Names {@code keyId} in the header (the signature stays the chosen key's). */
        public Token keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Token roles(String... roles) {
            claims.claim("roles", List.of(roles));
            return this;
        }

        public Token groups(String... groups) {
            claims.claim("groups", List.of(groups));
            return this;
        }

        public Token without(String claim) {
            claims.claim(claim, null);
            return this;
        }

        /** Signs with a key the service has never seen (not in the JWKS). */
        public Token signedWithUnknownKey() {
            key = idp.unknownKey;
            return this;
        }

        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(keyId != null ? keyId : key.getKeyID())
                        .type(JOSEObjectType.JWT).build(), claims.build());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The same claims, unsigned, with {@code alg: none}. */
        public String unsigned() {
            return new PlainJWT(claims.build()).serialize();
        }
    }
}
