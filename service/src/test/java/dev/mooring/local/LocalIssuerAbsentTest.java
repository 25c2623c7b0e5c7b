package dev.mooring.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.testing.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Outside local mode the development token issuer does not exist at all. */
class LocalIssuerAbsentTest extends ServiceTest {

    @Autowired
    ApplicationContext context;

    @Test
    void noLocalModeBeansExist() {
        assertThat(context.getBeansOfType(DevTokenIssuer.class)).isEmpty();
        assertThat(context.getBeansOfType(DevIssuerKey.class)).isEmpty();
        assertThat(context.getBeansOfType(LocalSeed.class)).isEmpty();
        assertThat(context.getBeansOfType(LocalHttps.class)).isEmpty();
    }

    @Test
    void tokenEndpointNeedsATokenAndThenIsNotFound() {
        anonymous().post(DevTokenIssuer.TOKEN_PATH).then().statusCode(401);
        as(idp.anyUser().sign()).post(DevTokenIssuer.TOKEN_PATH).then().statusCode(404)
                .contentType("application/json")
                .body("error.code", equalTo("NotFound"));
        as(idp.anyUser().sign()).get(DevTokenIssuer.JWKS_PATH).then().statusCode(404);
    }
}
