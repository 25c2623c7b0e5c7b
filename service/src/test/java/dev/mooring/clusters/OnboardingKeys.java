package dev.mooring.clusters;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Onboarding key pairs as the az CLI makes them: RSA, public key sent as base64 PKCS#1 DER. */
final class OnboardingKeys {

    private OnboardingKeys() {
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** base64 of the PKCS#1 RSAPublicKey DER (the CLI's format, "MIICCgKCAgEA..." for 4096 bits). */
    static String pkcs1(KeyPair pair) {
        try {
            byte[] pkcs1 = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).parsePublicKey().getEncoded();
            return Base64.getEncoder().encodeToString(pkcs1);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** base64 of the X.509 SubjectPublicKeyInfo DER of the same key. */
    static String spki(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    private static final KeyPair SHARED = rsa(2048);

    /** A valid key, shared by tests that do not care which key they use. */
    static String any() {
        return pkcs1(SHARED);
    }
}
