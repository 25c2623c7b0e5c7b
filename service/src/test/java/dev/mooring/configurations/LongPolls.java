package dev.mooring.configurations;

import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * What tests of the agents' long poll need to see: whether a poll for a cluster has reached
 * {@link ConfigurationVersions#awaitChange}, so that a change made after it tests the wake-up, not a plain read.
 */
public final class LongPolls {

    private LongPolls() {
    }

    /** True while an agent of the cluster waits for a change on this replica. */
    public static boolean waitedOn(ApplicationContext context, UUID clusterId) {
        return context.getBean(ConfigurationVersions.class).isWaitedOn(clusterId);
    }

    /** How many agents' polls of the cluster wait on this replica now. */
    public static int waiting(ApplicationContext context, UUID clusterId) {
        return context.getBean(ConfigurationVersions.class).waitersOn(clusterId);
    }
}
