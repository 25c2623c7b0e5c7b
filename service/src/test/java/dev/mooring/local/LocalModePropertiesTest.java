package dev.mooring.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class LocalModePropertiesTest {

    @Configuration
    @EnableConfigurationProperties(LocalModeProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void defaultsAreTheDocumentedOnes() {
        runner.run(context -> {
            LocalModeProperties properties = context.getBean(LocalModeProperties.class);
            assertThat(properties.enabled()).isFalse();
            assertThat(properties.dataDirectory()).isEqualTo(Path.of(".mooring"));
            assertThat(properties.httpsPort()).isEqualTo(8443);
            assertThat(properties.tokenLifetime()).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void anOutOfRangePortStopsStartup() {
        runner.withPropertyValues("mooring.local.https-port=70000")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aZeroTokenLifetimeStopsStartup() {
        runner.withPropertyValues("mooring.local.token-lifetime=0s")
                .run(context -> assertThat(context).hasFailed());
    }
}
