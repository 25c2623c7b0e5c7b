package dev.mooring.dataplane;

import org.springframework.context.ApplicationContext;

/** For tests outside the data plane that change a cluster's last heartbeat: first write what the buffer holds. */
public final class PendingHeartbeats {

    private PendingHeartbeats() {
    }

    public static void flush(ApplicationContext context) {
        context.getBean(HeartbeatBuffer.class).flush();
    }
}
