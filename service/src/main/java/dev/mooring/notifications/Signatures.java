package dev.mooring.notifications;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Request signing: {@code Mooring-Signature: sha256=<hex HMAC-SHA256(secret, body)>}, with a 256-bit secret per
 * subscription (base64url, no padding, used as its UTF-8 text), so a receiver can check a request with one
 * {@code openssl dgst -sha256 -hmac}.
 */
final class Signatures {

    static final String HEADER = "Mooring-Signature";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
