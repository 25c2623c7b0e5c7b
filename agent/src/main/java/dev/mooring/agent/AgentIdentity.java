package dev.mooring.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The agent's identity: its own key (RSA 2048) and the certificate Mooring issued for it, kept on disk so that a
 * restart does not onboard again. Renewal is due from day 46 of the certificate's 90.
 */
final class AgentIdentity {

    private static final String KEY_FILE = "identity.key";
    private static final String CERTIFICATE_FILE = "identity.crt";

    final KeyPair key;
    final X509Certificate certificate;
    /**
     * Whether Mooring has accepted a call carrying this certificate: from then on tokens name it by thumbprint
     * ({@code x5t#S256}) instead of carrying it ({@code x5c}), a quarter of the size. A refused call sends it whole
     * again, which also lets a Mooring that did not keep it (issued by an older version) learn it.
     */
    volatile boolean presented;

    private AgentIdentity(KeyPair key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /**
     * RSA 2048: Mooring verifies every agent's token on every call, and an RSA signature verifies about ten times
     * faster than an ECDSA P-256 one (see docs/benchmarks.md); the agent signs rarely, so its slower signing is
     * the cheap side of the trade.
     */
    static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String csr(KeyPair key) {
        try {
            return Pems.write(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=mooring-agent"), key.getPublic())
                    .build(new JcaContentSignerBuilder(key.getPrivate() instanceof java.security.interfaces.RSAPrivateKey
                            ? "SHA256withRSA" : "SHA256withECDSA").build(key.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static AgentIdentity of(KeyPair key, String certificatePem) {
        return new AgentIdentity(key, Pems.certificate(certificatePem));
    }

    static Optional<AgentIdentity> load(Path directory) {
        Path keyFile = directory.resolve(KEY_FILE);
        Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        if (!Files.exists(keyFile) || !Files.exists(certificateFile)) {
            return Optional.empty();
        }
        try {
            var privateKey = Pems.privateKey(Files.readString(keyFile));
            X509Certificate certificate = Pems.certificate(Files.readString(certificateFile));
            return Optional.of(new AgentIdentity(new KeyPair(certificate.getPublicKey(), privateKey), certificate));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void save(Path directory) {
        try {
            Files.createDirectories(directory);
            Path keyFile = directory.resolve(KEY_FILE);
            Files.writeString(keyFile, Pems.write(new JcaPKCS8Generator(key.getPrivate(), null)));
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort outside POSIX file systems
            }
            Files.writeString(directory.resolve(CERTIFICATE_FILE), Pems.write(certificate));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot save the agent identity in " + directory, e);
        }
    }

    boolean renewalDue(Instant now) {
        Instant issued = certificate.getNotBefore().toInstant();
        Instant expires = certificate.getNotAfter().toInstant();
        Duration lifetime = Duration.between(issued, expires);
        return now.isAfter(issued.plus(lifetime.multipliedBy(46).dividedBy(90)));
    }
}
