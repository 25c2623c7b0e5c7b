package dev.mooring.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The load generator of the heartbeat benchmark, run as a process of its own ({@code bench ...}): it creates a
 * simulated fleet through ARM, then sends each kind of call (heartbeat, the authenticated no-op identity call, the
 * liveness probe) at a fixed rate, open loop, latency counted from when each call was due, the kinds interleaved
 * and repeated over several rounds. Every authenticated call carries a token never used before, signed ahead of
 * its phase (a real fleet signs on its own machines). Around each phase it reads from {@code /proc} the CPU time
 * of Mooring's process, of PostgreSQL (the postmaster and its backends) and of itself, and prints one line per
 * phase: {@code PHASE kind round ok failed perSecond p50 p99 p999 max mooringCpuMs postgresCpuMs generatorCpuMs}
 * (CPU in milliseconds per request).
 *
 * <p>Options: those of {@link Simulator} ({@code --arm --token --subscription --resource-group --location
 * --data-plane --clusters}), plus {@code --rate} (calls/s), {@code --seconds} (per phase), {@code --rounds},
 * {@code --kinds} (comma-separated, of heartbeat, identity, liveness), {@code --mooring-pid},
 * {@code --postgres-pid} (the postmaster).
 */
final class LoadBench {

    private LoadBench() {
    }

    static void main(String[] args) throws Exception {
        Map<String, String> flags = Flags.parse(args);
        Simulator.Options options = Simulator.Options.parse(flags);
        int rounds = Integer.parseInt(flags.getOrDefault("rounds", "3"));
        List<String> kinds = List.of(flags.getOrDefault("kinds", "heartbeat,identity,liveness").split(","));
        long mooring = Long.parseLong(flags.getOrDefault("mooring-pid", "0"));
        long postgres = Long.parseLong(flags.getOrDefault("postgres-pid", "0"));
        HttpClient probeClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI liveness = URI.create(options.arm() + "/actuator/health/liveness");

        long preparing = System.nanoTime();
        List<Agent> fleet = Simulator.prepare(options);
        System.out.printf("PREPARED %d %.0f%n", fleet.size(), (System.nanoTime() - preparing) / 1e9);
        for (String kind : kinds) { // warm-up, not reported
            phase(fleet, options, kind, Math.min(options.seconds(), 10), call(kind, probeClient, liveness));
        }
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < kinds.size(); k++) {
                String kind = kinds.get((k + round) % kinds.size()); // each kind in every position in turn
                long[] before = {cpuMillis(mooring), cpuMillis(postgres), cpuMillis(ProcessHandle.current().pid())};
                Simulator.Result r = phase(fleet, options, kind, options.seconds(), call(kind, probeClient, liveness));
                long[] after = {cpuMillis(mooring), cpuMillis(postgres), cpuMillis(ProcessHandle.current().pid())};
                double calls = Math.max(1, r.completed() + r.failed());
                System.out.printf("PHASE %s %d %d %d %.1f %.2f %.2f %.2f %.2f %.4f %.4f %.4f%s%n", kind, round,
                        r.completed(), r.failed(), r.perSecond(), ms(r, 50), ms(r, 99), ms(r, 99.9),
                        r.latency().getMaxValue() / 1000.0, (after[0] - before[0]) / calls,
                        (after[1] - before[1]) / calls, (after[2] - before[2]) / calls,
                        r.firstFailure() == null ? "" : " FAILURE " + r.firstFailure().replace('\n', ' '));
            }
        }
    }

    /** Tokens signed and garbage collected first, so that neither lands in the measured seconds. */
    private static Simulator.Result phase(List<Agent> fleet, Simulator.Options options, String kind, int seconds,
            Consumer<Agent> call) throws InterruptedException {
        if (!kind.equals("liveness")) {
            Simulator.presign(fleet, Simulator.tokensPerAgent(fleet, options.rate() * seconds));
        } else {
            System.gc();
        }
        return Simulator.run(fleet, options.rate(), seconds, call);
    }

    private static Consumer<Agent> call(String kind, HttpClient http, URI liveness) {
        return switch (kind) {
            case "heartbeat" -> Agent::heartbeat;
            case "identity" -> Agent::identityCall;
            case "liveness" -> agent -> probe(http, liveness);
            default -> throw new IllegalArgumentException("Unknown kind " + kind + "; use heartbeat, identity, liveness");
        };
    }

    private static void probe(HttpClient http, URI liveness) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(liveness).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("liveness answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("liveness failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double ms(Simulator.Result r, double percentile) {
        return r.latency().getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * CPU time (user + system) of a process and of its children, living and reaped, in milliseconds; 0 for pid 0
     * or where {@code /proc} is missing. For PostgreSQL's postmaster that is the whole server.
     */
    static long cpuMillis(long pid) {
        if (pid <= 0 || !Files.isDirectory(Path.of("/proc", String.valueOf(pid)))) {
            return 0;
        }
        long ticks = ticks(pid, true);
        List<ProcessHandle> children = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(p -> p.children().forEach(children::add));
        for (ProcessHandle child : children) {
            ticks += ticks(child.pid(), false);
        }
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    private static long ticks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": state is field 0; utime 11, stime 12, cutime 13, cstime 14.
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return withReapedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
