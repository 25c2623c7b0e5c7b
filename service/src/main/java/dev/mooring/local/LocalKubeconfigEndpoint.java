package dev.mooring.local;

import dev.mooring.clusters.KubeconfigEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Local mode's kubeconfigs point at its HTTPS port and trust the local CA, whatever URL they were fetched on. */
class LocalKubeconfigEndpoint implements KubeconfigEndpoint {

    private final LocalHttps https;

    LocalKubeconfigEndpoint(LocalHttps https) {
        this.https = https;
    }

    @Override
    public String baseUrl() {
        return "https://localhost:" + https.port();
    }

    @Override
    public String certificateAuthority() {
        try {
            return Files.readString(https.caCertificate());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the local CA certificate " + https.caCertificate(), e);
        }
    }
}
