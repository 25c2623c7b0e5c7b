package dev.mooring.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class PortalPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(PortalProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void defaultsServeThePortalWithoutOpenIdConnect() {
        runner.run(context -> {
            PortalProperties properties = context.getBean(PortalProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.oidcAuthority()).isNull();
            assertThat(properties.oidcScope()).isEqualTo("openid profile https://management.azure.com/.default");
            assertThat(PortalSecurity.contentSecurityPolicy(properties)).contains("connect-src 'self';");
        });
    }

    @Test
    void theOpenIdProviderIsTheOnlyOtherOriginThePageMayCall() {
        runner.withPropertyValues("mooring.portal.oidc-authority=https://login.example.com:8443/tenant/v2.0",
                "mooring.portal.oidc-client-id=portal").run(context -> {
                    PortalProperties properties = context.getBean(PortalProperties.class);
                    assertThat(PortalSecurity.contentSecurityPolicy(properties))
                            .contains("connect-src 'self' https://login.example.com:8443;")
                            .contains("script-src 'self';");
                });
    }

    @Test
    void anAuthorityWithoutAClientIdStopsStartup() {
        runner.withPropertyValues("mooring.portal.oidc-authority=https://login.example.com/tenant")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aPlainHttpAuthorityStopsStartup() {
        runner.withPropertyValues("mooring.portal.oidc-authority=http://login.example.com/tenant",
                "mooring.portal.oidc-client-id=portal").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aDocumentationUrlThatIsNotAWebAddressStopsStartup() {
        runner.withPropertyValues("mooring.portal.documentation-url=javascript:alert(1)")
                .run(context -> assertThat(context).hasFailed());
    }
}
