package dev.mooring.local;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Adds an HTTPS connector beside the plain HTTP one in local mode: the Azure SDKs and the az CLI send
 * bearer tokens only over TLS. Clients trust {@code <data directory>/tls/ca.crt}.
 */
public class LocalHttps implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int port;
    private final String address;
    private final LocalTlsMaterial tls;
    private Connector connector;

    LocalHttps(int port, String address, LocalTlsMaterial tls) {
        this.port = port;
        this.address = address;
        this.tls = tls;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector https = new Connector(Http11NioProtocol.class.getName());
        https.setScheme("https");
        https.setSecure(true);
        https.setPort(port);
        https.setProperty("address", address);
        Http11NioProtocol protocol = (Http11NioProtocol) https.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig ssl = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.RSA);
        certificate.setCertificateKeystoreFile(tls.keyStore().toAbsolutePath().toString());
        certificate.setCertificateKeystorePassword(tls.keyStorePassword());
        certificate.setCertificateKeystoreType("PKCS12");
        certificate.setCertificateKeyAlias(LocalTlsMaterial.ALIAS);
        ssl.addCertificate(certificate);
        protocol.addSslHostConfig(ssl);
        factory.addAdditionalConnectors(https);
        this.connector = https;
    }

    /** The port HTTPS listens on once the server has started (the chosen one when configured as 0). */
    public int port() {
        return connector == null ? -1 : connector.getLocalPort();
    }

    public java.nio.file.Path caCertificate() {
        return tls.caCertificate();
    }
}
