package dev.mooring.configurations;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * What tests of the agents' long poll need to see: whether a poll for a cluster has reached
 * {@link ConfigurationVersions#awaitChange}, so that a change made after it tests the wake-up, not a plain read.
 */
public final class LongPolls {

    private LongPolls() {
    }

    /** True once an agent of the cluster has waited for a change on this replica (a poll is parked or was). */
    public static boolean waitedOn(ApplicationContext context, UUID clusterId) {
        try {
            Field monitors = ConfigurationVersions.class.getDeclaredField("monitors");
            monitors.setAccessible(true);
            return ((Map<?, ?>) monitors.get(context.getBean(ConfigurationVersions.class))).containsKey(clusterId);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ConfigurationVersions no longer keeps its waiters in 'monitors'", e);
        }
    }
}
