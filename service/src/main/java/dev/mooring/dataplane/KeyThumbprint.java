package dev.mooring.dataplane;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * The RFC 7638 JWK SHA-256 thumbprint of a public key: what an onboarding token names in {@code cnf.jkt} to bind
 * itself to the key of the CSR it comes with (RFC 7800), so that a captured token cannot be redeemed with another key.
 */
final class KeyThumbprint {

    private KeyThumbprint() {
    }

    /** The thumbprint, or null for a key type Mooring does not certify. */
    static String of(PublicKey key) {
        try {
            if (key instanceof RSAPublicKey rsa) {
                return new RSAKey.Builder(rsa).build().computeThumbprint().toString();
            }
            if (key instanceof ECPublicKey ec) {
                return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build().computeThumbprint()
                        .toString();
            }
            return null;
        } catch (JOSEException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
