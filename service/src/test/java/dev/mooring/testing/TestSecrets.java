package dev.mooring.testing;

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

    private static String random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
