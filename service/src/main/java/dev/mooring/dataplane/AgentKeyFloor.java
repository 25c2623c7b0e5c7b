package dev.mooring.dataplane;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * The weakest agent identity key Mooring's CA certifies: the same floor as the onboarding key (RSA of at least
 * 2048 bits), or an EC key on P-256 or P-384.
 */
final class AgentKeyFloor {

    static final int MIN_RSA_BITS = 2048;

    private AgentKeyFloor() {
    }

    static void require(PublicKey key) throws GeneralSecurityException {
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new GeneralSecurityException("the RSA key has " + rsa.getModulus().bitLength()
                        + " bits; at least " + MIN_RSA_BITS + " are required");
            }
            return;
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits != 256 && bits != 384) {
                throw new GeneralSecurityException("the EC key must be on P-256 or P-384, not a " + bits + "-bit curve");
            }
            return;
        }
        throw new GeneralSecurityException("the key must be RSA (2048 bits or more) or EC (P-256 or P-384)");
    }
}
