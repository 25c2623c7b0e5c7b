package dev.mooring.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background work (the asynchronous operation worker); {@code mooring.scheduling.enabled=false} turns it off. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "mooring.scheduling.enabled", matchIfMissing = true)
class SchedulingConfiguration {
}
