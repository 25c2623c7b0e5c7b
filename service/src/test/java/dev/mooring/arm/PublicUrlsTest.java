package dev.mooring.arm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The caller's URL survives forwarding headers that make no URL (the fuzz suite found a 500 there). */
class PublicUrlsTest {

    @Test
    void aMalformedForwardedHostFallsBackToTheRequestsOwnUrl() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/subscriptions/s/resourcegroups");
        request.setServerName("mooring.local");
        request.setServerPort(8080);
        request.setQueryString("api-version=2021-04-01");
        request.addHeader("X-Forwarded-Host", "%G1");
        assertThat(PublicUrls.requestUri(request).toString())
                .isEqualTo("http://mooring.local:8080/subscriptions/s/resourcegroups?api-version=2021-04-01");
        assertThat(PublicUrls.baseUrl(request, "/x").build().toUriString()).isEqualTo("http://mooring.local:8080/x");
    }

    @Test
    void wellFormedForwardingIsHonouredForUrls() {
        MockHttpServletRequest forwarded = new MockHttpServletRequest("GET", "/subscriptions/s/resourcegroups");
        forwarded.addHeader("X-Forwarded-Host", "management.example.com");
        forwarded.addHeader("X-Forwarded-Proto", "https");
        assertThat(PublicUrls.requestUri(forwarded).toString())
                .isEqualTo("https://management.example.com/subscriptions/s/resourcegroups");
    }
}
