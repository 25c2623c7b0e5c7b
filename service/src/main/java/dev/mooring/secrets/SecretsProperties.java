package dev.mooring.secrets;

import jakarta.validation.constraints.NotBlank;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Key-encryption keys ({@code mooring.secrets.*}): secrets at rest are sealed with AES-256-GCM under the
 * active key; every ciphertext records its key id, so older keys stay configured until
 * {@code --reencrypt-secrets} has moved everything to the active one. Set them from the environment or a
 * mounted secret, e.g. {@code MOORING_SECRETS_ACTIVE_KEY_ID=k2} and {@code MOORING_SECRETS_KEYS_K2=<base64 of 32
 * random bytes>}. Local mode generates one on first start.
 *
 * @param activeKeyId the key new secrets are sealed with
 * @param keys        key id → base64 of a 256-bit key
 */
@ConfigurationProperties("mooring.secrets")
@Validated
public record SecretsProperties(@NotBlank String activeKeyId, Map<String, String> keys) {

    public SecretsProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        if (activeKeyId != null && !keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("mooring.secrets.active-key-id '" + activeKeyId
                    + "' names no key under mooring.secrets.keys");
        }
        keys.forEach((id, value) -> {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(value.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mooring.secrets.keys." + id + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("mooring.secrets.keys." + id + " must be 32 bytes (AES-256), not "
                        + key.length);
            }
        });
    }
}
