package dev.mooring.notifications;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client that talks to webhooks: it connects only to addresses {@link Destinations} allows (its
 * DNS resolver), follows no redirects, keeps no cookies, retries nothing itself (the outbox does) and uses
 * no answer body (only the status and two headers matter).
 */
@Component
class WebhookClient {

    /** What a webhook answered: its status and the headers delivery looks at. */
    record Answer(int status, String retryAfter, String allowedOrigin) {

        boolean success() {
            return status >= 200 && status < 300;
        }
    }

    private final CloseableHttpClient client;

    WebhookClient(Destinations destinations, NotificationsProperties properties) {
        Timeout timeout = Timeout.of(properties.requestTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(destinations)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .setMaxConnTotal(Math.max(20, properties.workers() * 2))
                        .setMaxConnPerRoute(4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout)
                        .setConnectionRequestTimeout(timeout).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Mooring-Notifications/1.0")
                .build();
    }

    Answer post(URI url, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        ClassicRequestBuilder request = ClassicRequestBuilder.post(url)
                .setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        headers.forEach(request::addHeader);
        return execute(request.build());
    }

    Answer options(URI url, Map<String, String> headers) throws IOException {
        ClassicRequestBuilder request = ClassicRequestBuilder.options(url);
        headers.forEach(request::addHeader);
        return execute(request.build());
    }

    private Answer execute(ClassicHttpRequest request) throws IOException {
        return client.execute(request, response -> {
            EntityUtils.consume(response.getEntity());
            return new Answer(response.getCode(), value(response.getFirstHeader("Retry-After")),
                    value(response.getFirstHeader("WebHook-Allowed-Origin")));
        });
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }

    @PreDestroy
    void close() throws IOException {
        client.close();
    }
}
