package dev.mooring.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Local mode's TLS files, generated on first start: a local CA ({@code ca.crt}, the file to trust) and a
 * server certificate it signed for {@code localhost}, 127.0.0.1 and ::1, kept in {@code localhost.p12}.
 * A real CA plus leaf, rather than one self-signed leaf, because strict TLS clients refuse the latter.
 */
record LocalTlsMaterial(Path keyStore, String keyStorePassword, Path caCertificate) {

    static final String KEY_STORE_FILE = "localhost.p12";
    static final String CA_CERTIFICATE_FILE = "ca.crt";
    /** Protects nothing beyond the file's owner-only permissions; fixed so that tools can open the store. */
    static final String KEY_STORE_PASSWORD = "mooring-local";
    static final String ALIAS = "mooring-local";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(397);

    static LocalTlsMaterial loadOrCreate(Path directory) throws IOException, GeneralSecurityException {
        LocalTlsMaterial material = new LocalTlsMaterial(directory.resolve(KEY_STORE_FILE), KEY_STORE_PASSWORD,
                directory.resolve(CA_CERTIFICATE_FILE));
        if (!Files.exists(material.keyStore()) || !Files.exists(material.caCertificate()) || material.expiresSoon()) {
            material.generate();
        }
        return material;
    }

    private boolean expiresSoon() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, keyStorePassword.toCharArray());
        }
        X509Certificate server = (X509Certificate) store.getCertificate(ALIAS);
        return server == null || server.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(7)));
    }

    private void generate() throws IOException, GeneralSecurityException {
        try {
            KeyPair caKeys = rsaKeyPair();
            X500Name caName = new X500Name("CN=Mooring local development CA, O=Mooring");
            X509Certificate ca = sign(caName, caName, caKeys.getPublic(), caKeys.getPrivate(), CA_VALIDITY,
                    builder -> {
                        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                        builder.addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                    }, caKeys.getPublic());

            KeyPair serverKeys = rsaKeyPair();
            X509Certificate server = sign(caName, new X500Name("CN=localhost, O=Mooring"), serverKeys.getPublic(),
                    caKeys.getPrivate(), SERVER_VALIDITY, builder -> {
                        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                        builder.addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                        builder.addExtension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                                new GeneralName(GeneralName.dNSName, "localhost"),
                                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                                new GeneralName(GeneralName.iPAddress, InetAddress.getByName("::1").getHostAddress())}));
                    }, caKeys.getPublic());

            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, serverKeys.getPrivate(), keyStorePassword.toCharArray(),
                    new Certificate[] {server, ca});
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, keyStorePassword.toCharArray());
            OwnerOnlyFiles.write(keyStore, bytes.toByteArray());
            Files.writeString(caCertificate, pem(ca));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("Cannot sign the local TLS certificates", e);
        }
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private static X509Certificate sign(X500Name issuer, X500Name subject, PublicKey subjectKey, PrivateKey issuerKey,
            Duration validity, Extensions extensions, PublicKey issuerPublicKey)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(validity)), subject, subjectKey);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuerPublicKey));
        extensions.add(builder);
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(X509Certificate certificate) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        }
        return out.toString();
    }
}
