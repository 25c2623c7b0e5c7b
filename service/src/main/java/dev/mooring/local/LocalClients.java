package dev.mooring.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The OAuth 2.0 clients local mode's issuer knows: the seeded service principal, whose secret is generated once
 * per installation and kept, owner-only, beside the issuer's key ({@value #SECRET_FILE}). The secret is never logged.
 */
final class LocalClients {

    static final String SECRET_FILE = "client-secret";

    /** A client that authenticated: its client id (appid) and the object id its tokens carry. */
    record Client(String clientId, String objectId) {
    }

    private final Client seeded;
    private final byte[] secret;

    private LocalClients(Client seeded, byte[] secret) {
        this.seeded = seeded;
        this.secret = secret;
    }

    static LocalClients loadOrCreate(LocalModeProperties properties) throws IOException {
        Path file = properties.issuerDirectory().resolve(SECRET_FILE);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            OwnerOnlyFiles.write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
        }
        String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) {
            throw new IOException("The local client secret file " + file + " is empty; delete it to have a new one generated");
        }
        return new LocalClients(new Client(properties.clientId().toString(), properties.clientObjectId().toString()),
                secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The client with these credentials, if they are right (the secret compared in constant time). */
    Optional<Client> authenticate(String clientId, String clientSecret) {
        if (clientId == null || clientSecret == null || !seeded.clientId().equalsIgnoreCase(clientId.strip())) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(secret, clientSecret.getBytes(StandardCharsets.UTF_8))
                ? Optional.of(seeded) : Optional.empty();
    }
}
