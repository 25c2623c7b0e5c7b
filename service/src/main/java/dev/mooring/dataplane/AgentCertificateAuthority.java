package dev.mooring.dataplane;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.springframework.stereotype.Component;

/**
 * Mooring's internal CA for agent identities: signs a client certificate for the key in an agent's CSR,
 * naming the cluster (subject CN and a {@code urn:mooring:cluster:{id}} SAN), and checks that a presented
 * certificate is one of its own.
 */
@Component
class AgentCertificateAuthority {

    static final String CLUSTER_URN = "urn:mooring:cluster:";

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final SecureRandom random = new SecureRandom();

    AgentCertificateAuthority(AgentsProperties properties) {
        try {
            this.certificate = parseCertificate(properties.caCertificate());
            try (PEMParser parser = new PEMParser(new StringReader(properties.caPrivateKey()))) {
                Object key = parser.readObject();
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                this.privateKey = key instanceof org.bouncycastle.openssl.PEMKeyPair pair
                        ? converter.getKeyPair(pair).getPrivate()
                        : converter.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) key);
            }
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("mooring.agents.ca-certificate / ca-private-key are not a PEM certificate"
                    + " and its PKCS#8 private key", e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** Signs a client certificate for the CSR's key, naming the cluster. The CSR must be signed by that key. */
    X509Certificate issue(PKCS10CertificationRequest csr, UUID clusterId, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
                throw new GeneralSecurityException("The CSR's signature does not match its key");
            }
            AgentKeyFloor.require(new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo()));
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                    new X509CertificateHolder(certificate.getEncoded()).getSubject(), new BigInteger(127, random),
                    Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + clusterId + ", O=Mooring agents"),
                    csr.getSubjectPublicKeyInfo());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, CLUSTER_URN + clusterId)));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(certificate.getPublicKey()));
            String algorithm = privateKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(privateKey)));
        } catch (GeneralSecurityException e) {
            throw e;
        } catch (Exception e) {
            throw new GeneralSecurityException("Cannot issue the agent certificate", e);
        }
    }

    /** Whether {@code presented} was signed by this CA. Validity and revocation are the caller's to check. */
    boolean issued(X509Certificate presented) {
        try {
            presented.verify(certificate.getPublicKey());
            return presented.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The cluster a certificate of this CA names, or null. */
    static UUID clusterOf(X509Certificate certificate) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return null;
            }
            for (var name : names) {
                if (((Integer) name.get(0)) == GeneralName.uniformResourceIdentifier
                        && name.get(1).toString().startsWith(CLUSTER_URN)) {
                    return UUID.fromString(name.get(1).toString().substring(CLUSTER_URN.length()));
                }
            }
            return null;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    static X509Certificate parseCertificate(String pem) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
        }
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
