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
 * simulated fleet through ARM, then sends each kind of call (heartbeat, the same heartbeat routed through Spring
 * MVC, the authenticated no-op identity call, the liveness probe) at a fixed rate, open loop, latency counted from
 * when each call was due, the kinds interleaved and repeated over several rounds. Every authenticated call carries
 * a token never used before, all of a phase's tokens signed on every core before the phase (a real fleet signs on
 * its own machines), outside its measured window. Around each phase it reads from {@code /proc} the CPU time of
 * Mooring's process, of PostgreSQL (the postmaster and its backends) and of itself, and prints one line per phase:
 * {@code PHASE kind round ok failed perSecond p50 p99 p999 max mooringCpuMs postgresCpuMs generatorCpuMs} (CPU in
 * milliseconds per request), one line per signing: {@code SIGNED tokens seconds}, and when each phase ran:
 * {@code WINDOW kind round startEpochMs endEpochMs}.
 *
 * <p>Options: those of {@link Simulator} ({@code --arm --token --subscription --resource-group --location
 * --data-plane --clusters}), plus {@code --rate} (calls/s), {@code --seconds} (per phase), {@code --rounds},
 * {@code --kinds} (comma-separated, of heartbeat, heartbeat-mvc, identity, liveness), {@code --mooring-pid},
 * {@code --postgres-pid} (the postmaster), {@code --token-lifetime} (ISO-8601, PT4M: a long phase's tokens, signed
 * minutes ahead, must live longer, and Mooring must allow it with {@code mooring.agents.token-max-lifetime}).
 */
final class LoadBench {

    private LoadBench() {
    }

    static void main(String[] args) throws Exception {
        Map<String, String> flags = Flags.parse(args);
        Simulator.Options options = Simulator.Options.parse(flags);
        int rounds = Integer.parseInt(flags.getOrDefault("rounds", "3"));
        List<String> kinds = List.of(flags.getOrDefault("kinds", "heartbeat,heartbeat-mvc,identity,liveness").split(","));
        long mooring = Long.parseLong(flags.getOrDefault("mooring-pid", "0"));
        long postgres = Long.parseLong(flags.getOrDefault("postgres-pid", "0"));
        Duration tokenLifetime = Duration.parse(flags.getOrDefault("token-lifetime", Tokens.LIFETIME.toString()));
        HttpClient probeClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI liveness = URI.create(options.arm() + "/actuator/health/liveness");

        long preparing = System.nanoTime();
        List<Agent> fleet = Simulator.prepare(options);
        List<Agent> throughMvc = kinds.contains("heartbeat-mvc") ? Simulator.throughSpringMvc(fleet) : fleet;
        System.out.printf("PREPARED %d %.0f%n", fleet.size(), (System.nanoTime() - preparing) / 1e9);
        for (String kind : kinds) { // warm-up, not reported
            List<Agent> agents = kind.equals("heartbeat-mvc") ? throughMvc : fleet;
            int seconds = Math.min(options.seconds(), 10);
            signAhead(agents, options, kind, seconds, tokenLifetime);
            Simulator.run(agents, options.rate(), seconds, call(kind, probeClient, liveness));
        }
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < kinds.size(); k++) {
                String kind = kinds.get((k + round) % kinds.size()); // each kind in every position in turn
                List<Agent> agents = kind.equals("heartbeat-mvc") ? throughMvc : fleet;
                signAhead(agents, options, kind, options.seconds(), tokenLifetime);
                long[] before = {cpuMillis(mooring), cpuMillis(postgres), cpuMillis(ProcessHandle.current().pid())};
                long started = System.currentTimeMillis();
                Simulator.Result r = Simulator.run(agents, options.rate(), options.seconds(),
                        call(kind, probeClient, liveness));
                long[] after = {cpuMillis(mooring), cpuMillis(postgres), cpuMillis(ProcessHandle.current().pid())};
                // When the phase ran (epoch ms), to cut a profile of Mooring down to it.
                System.out.printf("WINDOW %s %d %d %d%n", kind, round, started, System.currentTimeMillis());
                double calls = Math.max(1, r.completed() + r.failed());
                System.out.printf("PHASE %s %d %d %d %.1f %.2f %.2f %.2f %.2f %.4f %.4f %.4f%s%n", kind, round,
                        r.completed(), r.failed(), r.perSecond(), ms(r, 50), ms(r, 99), ms(r, 99.9),
                        r.latency().getMaxValue() / 1000.0, (after[0] - before[0]) / calls,
                        (after[1] - before[1]) / calls, (after[2] - before[2]) / calls,
                        r.firstFailure() == null ? "" : " FAILURE " + r.firstFailure().replace('\n', ' '));
            }
        }
    }

    /**
     * The phase's tokens signed, and garbage collected after, before its measured window starts, so that neither
     * lands in it; prints how long the signing took.
     */
    private static void signAhead(List<Agent> agents, Simulator.Options options, String kind, int seconds,
            Duration tokenLifetime) throws InterruptedException {
        if (kind.equals("liveness")) {
            System.gc();
            return;
        }
        int perAgent = Simulator.tokensPerAgent(agents, options.rate() * seconds);
        long signing = System.nanoTime();
        Simulator.presign(agents, perAgent, tokenLifetime);
        System.out.printf("SIGNED %d %.1f%n", (long) perAgent * agents.size(), (System.nanoTime() - signing) / 1e9);
    }

    private static Consumer<Agent> call(String kind, HttpClient http, URI liveness) {
        return switch (kind) {
            case "heartbeat", "heartbeat-mvc" -> Agent::heartbeat;
            case "identity" -> Agent::identityCall;
            case "liveness" -> agent -> probe(http, liveness);
            default -> throw new IllegalArgumentException("Unknown kind " + kind
                    + "; use heartbeat, heartbeat-mvc, identity, liveness");
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
