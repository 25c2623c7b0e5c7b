package dev.mooring.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.mooring.arm.errors.ArmException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The SSRF rules, and that the delivery client applies them on every connection (not only when subscribing). */
class DestinationsTest {

    private static NotificationsProperties properties(boolean allowHttp, List<String> allowed) {
        return new NotificationsProperties(Duration.ofMinutes(2), Duration.ofDays(14), allowHttp, allowed,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(10), 4);
    }

    @Test
    void onlyPublicAddressesUnlessAnOperatorAllowedTheNetwork() throws Exception {
        Destinations strict = new Destinations(properties(false, List.of()));
        for (String address : List.of("127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254",
                "100.64.1.1", "0.0.0.0", "224.0.0.1", "fd12::1", "fe80::1", "168.63.129.16", "::ffff:127.0.0.1")) {
            assertThat(strict.permitted(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : List.of("20.50.2.1", "8.8.8.8", "2606:4700::1111")) {
            assertThat(strict.permitted(InetAddress.getByName(address))).as(address).isTrue();
        }
        Destinations loopbackAllowed = new Destinations(properties(true, List.of("127.0.0.0/8")));
        assertThat(loopbackAllowed.permitted(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(loopbackAllowed.permitted(InetAddress.getByName("10.0.0.1"))).isFalse();
    }

    @Test
    void httpsOnlyUnlessHttpIsAllowed() {
        Destinations strict = new Destinations(properties(false, List.of("127.0.0.0/8")));
        assertThatThrownBy(() -> strict.check("http://127.0.0.1/hook", "url")).isInstanceOf(ArmException.class)
                .hasMessageContaining("https");
        assertThat(strict.check("https://127.0.0.1/hook?code=k", "url")).isEqualTo(URI.create("https://127.0.0.1/hook?code=k"));
        assertThat(Destinations.baseUrl(URI.create("https://127.0.0.1:8443/hook?code=k"))).isEqualTo("https://127.0.0.1:8443/hook");
        assertThat(new Destinations(properties(true, List.of("127.0.0.0/8"))).check("http://127.0.0.1/hook", "url"))
                .isNotNull();
    }

    @Test
    void theDeliveryClientRefusesToConnectToANameThatNowResolvesInside() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger hits = new AtomicInteger();
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://localhost:" + server.getAddress().getPort() + "/hook");
            WebhookClient guarded = new WebhookClient(new Destinations(properties(true, List.of())), properties(true, List.of()));
            assertThatThrownBy(() -> guarded.post(url, "application/json", "{}".getBytes(), Map.of()))
                    .isInstanceOf(UnknownHostException.class);
            assertThat(hits).hasValue(0);
            WebhookClient allowed = new WebhookClient(new Destinations(properties(true, List.of("127.0.0.0/8", "::1/128"))),
                    properties(true, List.of()));
            assertThat(allowed.post(url, "application/json", "{}".getBytes(), Map.of()).status()).isEqualTo(200);
            assertThat(hits).hasValue(1);
        } finally {
            server.stop(0);
        }
    }
}
