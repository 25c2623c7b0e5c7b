package dev.mooring.testing;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;

/** An agent CA (certificate and PKCS#8 key, PEM) for tests and for the local run. */
public final class TestAgentCa {

    public record Pems(String certificate, String privateKey) {
    }

    private static final Pems SHARED = generate();

    private TestAgentCa() {
    }

    public static Pems shared() {
        return SHARED;
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("mooring.agents.ca-certificate", SHARED::certificate);
        registry.add("mooring.agents.ca-private-key", SHARED::privateKey);
    }

    /** Local mode's CA: made on first start and kept (owner-only) in the data directory. */
    public static Pems loadOrCreate(Path directory) {
        try {
            Path cert = directory.resolve("ca.crt");
            Path key = directory.resolve("ca.key");
            if (!Files.exists(cert) || !Files.exists(key)) {
                Pems pems = generate();
                Files.createDirectories(directory);
                Files.writeString(cert, pems.certificate());
                Files.writeString(key, pems.privateKey());
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            }
            return new Pems(Files.readString(cert), Files.readString(key));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read or create the local agent CA in " + directory, e);
        }
    }

    static Pems generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=Mooring agent CA (local), O=Mooring");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            var certificate = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            return new Pems(pem(certificate), pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) throws java.io.IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
