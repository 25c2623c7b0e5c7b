package dev.mooring.testing;

import dev.mooring.secrets.SecretBox;
import dev.mooring.secrets.SecretsProperties;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A key-encryption key for the test JVM (and a second one, for rotation tests). */
public final class TestSecrets {

    public static final String ACTIVE = "test-1";
    public static final String KEY_1 = random();
    public static final String KEY_2 = random();

    private TestSecrets() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("mooring.secrets.active-key-id", () -> ACTIVE);
        registry.add("mooring.secrets.keys." + ACTIVE, () -> KEY_1);
    }

    /** A SecretBox over {@code keys} sealing with {@code active} (its constructor is the secrets package's, as Spring builds it). */
    public static SecretBox box(String active, java.util.Map<String, String> keys) {
        try {
            var constructor = SecretBox.class.getDeclaredConstructor(SecretsProperties.class);
            constructor.setAccessible(true);
            return constructor.newInstance(new SecretsProperties(active, keys));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
