package dev.mooring.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.testing.ServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A token must say when it expires, may not live longer than the cap, and may not claim to be from the future. */
class TokenLifetimeTest extends ServiceTest {

    private static final String PROTECTED = "/subscriptions?api-version=2022-12-01";

    private void refused(String token) {
        as(token).get(PROTECTED).then().statusCode(401).body("error.code", equalTo("InvalidAuthenticationToken"));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        refused(idp.anyUser().without("exp").sign());
    }

    @Test
    void aTokenLivingLongerThanTheCapIsRefused() {
        refused(idp.anyUser().expiresIn(Duration.ofHours(25)).sign());
        refused(idp.anyUser().issuedAt(Instant.now().minus(Duration.ofHours(30))).expiresIn(Duration.ofHours(1)).sign());
        as(idp.anyUser().expiresIn(Duration.ofHours(23)).sign()).get(PROTECTED).then().statusCode(200);
    }

    @Test
    void issuedOrValidOnlyInTheFutureIsRefusedBeyondTheClockSkew() {
        refused(idp.anyUser().issuedAt(Instant.now().plus(Duration.ofMinutes(10))).sign());
        refused(idp.anyUser().notBefore(Instant.now().plus(Duration.ofMinutes(10))).sign());
        as(idp.anyUser().issuedAt(Instant.now().plusSeconds(20)).sign()).get(PROTECTED).then().statusCode(200);
    }

    @Test
    void unknownKeyIdsDoNotMakeTheServiceFetchTheKeySetAgainAndAgain() {
        as(idp.anyUser().sign()).get(PROTECTED).then().statusCode(200);
        int before = idp.jwksFetches();
        for (int i = 0; i < 20; i++) {
            refused(idp.anyUser().keyId("kid-" + UUID.randomUUID()).signedWithUnknownKey().sign());
        }
        assertThat(idp.jwksFetches() - before).isLessThanOrEqualTo(1);
        as(idp.anyUser().sign()).get(PROTECTED).then().statusCode(200);
    }
}
