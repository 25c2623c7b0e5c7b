package dev.mooring.clusters;

import dev.mooring.arm.errors.ArmException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * The cluster's onboarding public key ({@code properties.agentPublicKeyCertificate}): base64 DER of an RSA
 * public key of at least 2048 bits, either PKCS#1 {@code RSAPublicKey} (what the az CLI sends) or X.509
 * {@code SubjectPublicKeyInfo}. "The same key" means the same SubjectPublicKeyInfo, whatever the encoding.
 *
 * @param encoded what the client sent (empty for a ProvisionedCluster without a key)
 * @param sha256  SHA-256 of the key's SubjectPublicKeyInfo DER, hex; null for an empty key
 */
record AgentPublicKey(String encoded, String sha256, RSAPublicKey key) {

    static final int MIN_BITS = 2048;
    private static final String TARGET = "properties.agentPublicKeyCertificate";

    static AgentPublicKey empty() {
        return new AgentPublicKey("", null, null);
    }

    boolean isEmpty() {
        return key == null;
    }

    static AgentPublicKey parse(String value) {
        if (value == null) {
            throw ArmException.badRequest("InvalidParameter",
                    "The property 'agentPublicKeyCertificate' is required.", TARGET);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw invalid("it is not base64");
        }
        RSAPublicKey key = rsaKey(der);
        if (key.getModulus().bitLength() < MIN_BITS) {
            throw invalid("the RSA key has " + key.getModulus().bitLength() + " bits; at least " + MIN_BITS + " are required");
        }
        return new AgentPublicKey(value, sha256(key.getEncoded()), key);
    }

    private static RSAPublicKey rsaKey(byte[] der) {
        KeyFactory rsa;
        try {
            rsa = KeyFactory.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        try {
            return (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException notSpki) {
            // fall through to PKCS#1
        }
        try {
            var pkcs1 = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(ASN1Primitive.fromByteArray(der));
            BigInteger modulus = pkcs1.getModulus();
            return (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(modulus, pkcs1.getPublicExponent()));
        } catch (Exception notPkcs1) {
            throw invalid("it is neither a PKCS#1 RSAPublicKey nor an X.509 SubjectPublicKeyInfo (DER)");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArmException invalid(String why) {
        return ArmException.badRequest("InvalidParameter", "The property 'agentPublicKeyCertificate' must be the"
                + " base64 DER of an RSA public key of at least " + MIN_BITS + " bits, but " + why + ".", TARGET);
    }
}
