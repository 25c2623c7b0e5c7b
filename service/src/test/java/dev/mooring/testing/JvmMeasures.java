package dev.mooring.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What benchmarks read about the JVM they run in and the machine it shares. */
public final class JvmMeasures {

    private JvmMeasures() {
    }

    /** Heap in use after a full collection: what live objects hold. */
    public static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** CPU time this process has used, user and system, from {@code /proc/self/stat} (10 ms ticks). */
    public static long cpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** The machine's load averages, as {@code /proc/loadavg} reads. */
    public static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }
}
