package dev.mooring.dataplane;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Test-side window on the heartbeat flush statement, for the benchmark's database ceiling. */
public final class HeartbeatFlushSql {

    private HeartbeatFlushSql() {
    }

    /** The flush statement with its three arrays written out: a batch of these clusters seen now. */
    public static String literal(List<UUID> clusterIds) {
        String ids = clusterIds.stream().map(UUID::toString).collect(Collectors.joining(",", "'{", "}'"));
        String now = "array_fill(now(), array[" + clusterIds.size() + "])";
        return HeartbeatBuffer.UPSERT.replaceFirst("\\?", ids).replaceFirst("\\?", now).replaceFirst("\\?", now);
    }
}
