package dev.mooring.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Background work (the operation worker, the heartbeat flush, the connectivity sweep, the tunnel lease renewal,
 * purges); {@code mooring.scheduling.enabled=false} turns it off. Each job runs on a thread of its own: with
 * virtual threads on, Spring's default scheduler runs every fixed-delay job on one shared thread, so one slow
 * job would stall all the others.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "mooring.scheduling.enabled", matchIfMissing = true)
class SchedulingConfiguration {

    @Bean
    ThreadPoolTaskScheduler taskScheduler(SchedulingProperties properties) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(properties.poolSize());
        scheduler.setThreadNamePrefix("mooring-job-");
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
