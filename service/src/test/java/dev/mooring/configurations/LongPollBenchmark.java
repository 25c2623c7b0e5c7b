package dev.mooring.configurations;

import static dev.mooring.testing.Eventually.eventually;
import static dev.mooring.testing.JvmMeasures.cpuMillis;
import static dev.mooring.testing.JvmMeasures.heapAfterGc;
import static dev.mooring.testing.JvmMeasures.loadAverage;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.ScheduledTask;

/**
 * What agents waiting on configuration long-polls cost one replica: {@code waiters} requests (one per cluster)
 * wait in {@link ConfigurationVersions#awaitChange} for a change, as the data plane's long-poll does (no thread
 * per request: each is an entry in the cluster's list and in the one deadline timer);
 * while they wait the benchmark reads the JVM's CPU time from {@code /proc}, the heap they hold, and the database
 * connections checked out; then one cluster's version is changed in PostgreSQL (its trigger announces it) and the
 * time until exactly its request answers is measured. It measures the replica's waiting, not the web server's idle connections.
 *
 * <p>Run: {@code mvn -B -pl service -am verify -Pbenchmark -Dtest=LongPollBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; writes docs/benchmarks/long-polls.md. Knobs: {@code longpolls.waiters}
 * (100000), {@code longpolls.seconds} (30).
 */
@Tag("benchmark")
class LongPollBenchmark extends ConfigurationTest {

    private static final int WAITERS = Integer.getInteger("longpolls.waiters", 100_000);
    private static final int SECONDS = Integer.getInteger("longpolls.seconds", 30);

    @Autowired
    ConfigurationVersions versions;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ScheduledAnnotationBeanPostProcessor scheduled;

    @Autowired
    TaskScheduler scheduler;

    @Test
    void waitingAgentsCostNothingPerSecond() throws Exception {
        // One real cluster, whose version the benchmark changes; the others need no row (their version reads 0).
        Tenant t = readyTenant("waited-on");
        UUID changed = clusterIdOf(t);
        List<UUID> clusters = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            clusters.add(i == WAITERS / 2 ? changed : UUID.randomUUID());
        }
        String known = "\"0\"";
        long heapBefore = heapAfterGc();
        List<CompletableFuture<String>> polls = new ArrayList<>();
        long waitMillis = TimeUnit.SECONDS.toMillis(SECONDS + 60);
        // Each cluster's first read, a few at a time as agents arrive over minutes (the cold start), not measured.
        long reading = System.nanoTime();
        try (ExecutorService readers = Executors.newFixedThreadPool(4)) {
            clusters.forEach(cluster -> readers.submit(() -> versions.current(cluster)));
        }
        double readSeconds = (System.nanoTime() - reading) / 1e9;
        long heapRead = heapAfterGc();
        try (Pollers deployed = Pollers.atDeployedInterval(scheduled, scheduler)) {
            measure(changed, clusters, known, heapBefore, polls, waitMillis, readSeconds, heapRead, deployed.names());
        }
    }

    private void measure(UUID changed, List<UUID> clusters, String known, long heapBefore,
            List<CompletableFuture<String>> polls, long waitMillis, double readSeconds, long heapRead, String pollers)
            throws Exception {
        // The same replica with nobody waiting, just before: what its background jobs cost on this machine now.
        long idleCpuBefore = cpuMillis();
        long idleStart = System.nanoTime();
        TimeUnit.SECONDS.sleep(SECONDS);
        double idleCore = (cpuMillis() - idleCpuBefore) / 1000.0 / ((System.nanoTime() - idleStart) / 1e9);
        long joining = System.nanoTime();
        for (UUID cluster : clusters) {
            polls.add(versions.awaitChange(cluster, known, waitMillis));
        }
        eventually(Duration.ofMinutes(10), () -> assertThat(clusters.stream().allMatch(versions::isWaitedOn))
                .as("every request waits").isTrue());
        double joinSeconds = (System.nanoTime() - joining) / 1e9;
        long heapWaiting = heapAfterGc();

        long checkoutsBefore = checkouts();
        long cpuBefore = cpuMillis();
        long start = System.nanoTime();
        TimeUnit.SECONDS.sleep(SECONDS); // the measurement: the replica idles while they wait
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = cpuMillis() - cpuBefore;
        long checkouts = checkouts() - checkoutsBefore;

        long announced = System.nanoTime();
        jdbc.update("""
                insert into cluster_configuration_versions (cluster_id, version) values (?, 1)
                on conflict (cluster_id) do update set version = cluster_configuration_versions.version + 1""",
                changed);
        polls.get(WAITERS / 2).get(10, TimeUnit.SECONDS);
        double wakeMillis = (System.nanoTime() - announced) / 1e6;
        long stillWaiting = polls.stream().filter(p -> !p.isDone()).count();

        write(pollers, readSeconds, joinSeconds, heapBefore, heapRead, heapWaiting, idleCore, cpu, elapsed, checkouts, wakeMillis,
                stillWaiting);
        assertThat(stillWaiting).as("only the changed cluster's request answered").isEqualTo(WAITERS - 1);
        versions.droppedAll(); // ends the rest now
        CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    /**
     * The outbox pollers (operations and notifications) at a deployed replica's interval of one second while the
     * benchmark measures, instead of the test suite's 100 ms, which would otherwise be most of an idle replica's CPU;
     * back at the suite's interval afterwards, for the tests that share this application context.
     */
    private record Pollers(List<Runnable> jobs, List<ScheduledFuture<?>> replacements, TaskScheduler scheduler,
            String names) implements AutoCloseable {

        private static final Duration DEPLOYED = Duration.ofSeconds(1);
        private static final Duration SUITE = Duration.ofMillis(100);
        private static final List<String> OUTBOX_POLLERS = List.of("AsyncOperationWorker", "NotificationWorker");

        static Pollers atDeployedInterval(ScheduledAnnotationBeanPostProcessor scheduled, TaskScheduler scheduler) {
            List<Runnable> jobs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (ScheduledTask task : scheduled.getScheduledTasks()) {
                String name = task.toString();
                if (OUTBOX_POLLERS.stream().anyMatch(name::contains)) {
                    task.cancel(false);
                    jobs.add(task.getTask().getRunnable());
                    names.add(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
                }
            }
            assertThat(jobs).as("the outbox pollers were found").hasSize(OUTBOX_POLLERS.size());
            List<ScheduledFuture<?>> replacements = jobs.stream()
                    .<ScheduledFuture<?>>map(job -> scheduler.scheduleWithFixedDelay(job, DEPLOYED)).toList();
            return new Pollers(jobs, replacements, scheduler, String.join(" and ", names) + " every " + DEPLOYED.toSeconds() + " s");
        }

        @Override
        public void close() {
            replacements.forEach(future -> future.cancel(false));
            jobs.forEach(job -> scheduler.scheduleWithFixedDelay(job, SUITE));
        }
    }

    private long checkouts() {
        return meters.find("hikaricp.connections.usage").timers().stream().mapToLong(Timer::count).sum();
    }

    private static void write(String pollers, double readSeconds, double joinSeconds, long heapBefore, long heapRead, long heapWaiting,
            double idleCore,
            long cpuMillis, double seconds,
            long checkouts, double wakeMillis, long stillWaiting) throws IOException {
        double heapMiB = (heapWaiting - heapBefore) / 1024.0 / 1024.0;
        double core = cpuMillis / 1000.0 / seconds;
        List<String> lines = List.of("# Configuration long-polls: agents waiting on one replica", "",
                "Generated by `LongPollBenchmark` (`mvn -B -pl service -am verify -Pbenchmark -Dtest=LongPollBenchmark "
                        + "-Dsurefire.failIfNoSpecifiedTests=false`) on " + Instant.now() + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version()
                        + "; the outbox pollers at a deployed replica's interval (" + pollers + ").", "",
                String.format("%,d requests, one per cluster, wait in the replica's long-poll registry (no thread each) "
                        + "for a change of their cluster's configuration version. Each cluster's version was read once "
                        + "before (the cold start, %.1f s, 4 at a time); the requests then joined in %.1f s.", WAITERS,
                        readSeconds, joinSeconds), "",
                "| measure | value | target |", "|---|---:|---|",
                String.format("| JVM CPU while %,d wait, %.0f s (whole process, background jobs included) | %.1f %% of a core | < 5 %% |",
                        WAITERS, seconds, core * 100),
                String.format("| the same JVM with nobody waiting, %.0f s just before | %.1f %% of a core | |", seconds,
                        idleCore * 100),
                String.format("| heap held by the waiting requests and their clusters' cached versions (after GC) "
                        + "| %.1f MiB (%,d bytes each) | < 200 MiB |", heapMiB, (heapWaiting - heapBefore) / WAITERS),
                String.format("| of which the cached versions (held for heartbeats too) | %.1f MiB (%,d bytes each) | |",
                        (heapRead - heapBefore) / 1024.0 / 1024.0, (heapRead - heapBefore) / WAITERS),
                String.format("| of which the waiting requests in the registry and the deadline timer | %.1f MiB (%,d bytes each) | |",
                        (heapWaiting - heapRead) / 1024.0 / 1024.0, (heapWaiting - heapRead) / WAITERS),
                String.format("| database connections checked out while they wait (background jobs included) | %d | |",
                        checkouts),
                String.format("| one cluster's version changed (committed, announced by NOTIFY) until its request answers | %.1f ms | |",
                        wakeMillis),
                String.format("| requests still waiting afterwards | %,d of %,d | all but one |", stillWaiting, WAITERS),
                "", "What the web server adds per waiting HTTP request and connection: "
                        + "[long-poll-connections.md](long-poll-connections.md).",
                "", "Load average at the end: " + loadAverage() + ".");
        String out = String.join("\n", lines) + "\n";
        Path file = Path.of("..", "docs", "benchmarks", "long-polls.md");
        Files.writeString(file, out);
        System.out.println(out);
    }
}
