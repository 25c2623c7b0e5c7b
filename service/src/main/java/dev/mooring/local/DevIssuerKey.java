package dev.mooring.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The development issuer's RS256 key pair, kept in the local data directory (owner-only permissions)
 * so that tokens stay valid across restarts.
 */
final class DevIssuerKey {

    private static final String FILE_NAME = "signing-key.jwk.json";

    private final RSAKey key;

    private DevIssuerKey(RSAKey key) {
        this.key = key;
    }

    static DevIssuerKey loadOrCreate(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new DevIssuerKey(RSAKey.parse(Files.readString(file)));
            }
            RSAKey generated = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
            OwnerOnlyFiles.write(file, generated.toJSONString());
            return new DevIssuerKey(generated);
        } catch (ParseException | JOSEException e) {
            throw new IOException("Cannot read or create the development issuer key at " + file
                    + "; delete the file to have a new key generated", e);
        }
    }

    String keyId() {
        return key.getKeyID();
    }

    RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    JwtEncoder encoder() {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    /** The public half only, as a JWKS document. */
    Map<String, Object> publicJwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }
}
