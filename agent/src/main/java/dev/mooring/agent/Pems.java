package dev.mooring.agent;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** PEM in and out: private keys (PKCS#1, PKCS#8, SEC1 EC) and certificates. */
final class Pems {

    private Pems() {
    }

    /**
     * The first private key in {@code pem}, in any form OpenSSL writes: PKCS#1 {@code RSA PRIVATE KEY} (OpenSSL 1.x
     * {@code genrsa}), PKCS#8 {@code PRIVATE KEY} (OpenSSL 3 {@code genrsa}, {@code genpkey}), SEC1
     * {@code EC PRIVATE KEY} (after the {@code EC PARAMETERS} block {@code ecparam -genkey} writes first).
     */
    static PrivateKey privateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object parsed = parser.readObject(); parsed != null; parsed = parser.readObject()) {
                if (parsed instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (parsed instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (parsed instanceof PKCS8EncryptedPrivateKeyInfo || parsed instanceof PEMEncryptedKeyPair) {
                    throw new IllegalArgumentException("The PEM private key is encrypted; give it without a passphrase");
                }
            }
            throw new IllegalArgumentException("No private key in the PEM (expected 'PRIVATE KEY', 'RSA PRIVATE KEY'"
                    + " or 'EC PRIVATE KEY')");
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the PEM private key: " + e.getMessage(), e);
        }
    }

    static X509Certificate certificate(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot read the PEM certificate", e);
        }
    }

    static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
