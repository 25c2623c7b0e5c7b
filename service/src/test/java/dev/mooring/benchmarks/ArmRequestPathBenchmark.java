package dev.mooring.benchmarks;

import dev.mooring.access.BuiltInRoles;
import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.testing.ServiceTest;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the ARM request path pays for authorization and throttling, measured side by side in one run on
 * the same machine: the cached RBAC check, the database query a cache miss costs, an in-memory Bucket4j
 * bucket, and one single-row UPDATE round trip (the least a PostgreSQL-backed bucket costs per request).
 * Run: {@code mvn -B -pl service -am verify -Pbenchmark}; writes docs/benchmarks/arm-request-path.md.
 */
@Tag("benchmark")
class ArmRequestPathBenchmark extends ServiceTest {

    private static final int WARMUP = 20_000;
    private static final int SAMPLES = 200_000;
    private static final int SQL_SAMPLES = 5_000;

    @Autowired
    ArmAuthorizer authorizer;

    @Autowired
    JdbcTemplate jdbc;

    record Result(String name, double p50Micros, double p99Micros, double p999Micros) {
    }

    @Test
    void measure() throws IOException {
        Tenant t = newTenant();
        UUID principal = UUID.randomUUID();
        // A realistic caller: assignments on several subscriptions of its tenant, one of them the one asked about.
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), BuiltInRoles.READER, principal, "User", "bench");
        for (int i = 0; i < 8; i++) {
            UUID other = UUID.randomUUID();
            subscriptions.ensureRegistered(other, t.tenantId(), "bench " + i);
            roleAssignments.grantAtSubscription(other, t.tenantId(), BuiltInRoles.ARC_ONBOARDING, principal, "User", "bench");
        }
        CallerIdentity caller = new CallerIdentity(t.tenantId().toString(), principal.toString(), null, "bench", false,
                Set.of(), Set.of(UUID.randomUUID().toString(), UUID.randomUUID().toString()));
        String scope = t.subscriptionPath() + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c";
        String action = "Microsoft.Kubernetes/connectedClusters/read";

        Result noop = sample("no-op (timer overhead)", SAMPLES, () -> 1);
        Result cached = sample("RBAC check, cached assignments", SAMPLES,
                () -> authorizer.allows(caller, action, scope) ? 1 : 0);
        Result denied = sample("RBAC check, cached, denied (all grants scanned)", SAMPLES,
                () -> authorizer.allows(caller, "Microsoft.Kubernetes/connectedClusters/delete", scope) ? 1 : 0);
        Result missSql = sample("assignment query a cache miss runs (raw SQL)", SQL_SAMPLES,
                () -> jdbc.queryForList("select scope_key, role_definition_id, tenant_id from role_assignments"
                        + " where principal_id = ?", principal).size());
        Bucket bucket = Bucket.builder().addLimit(l -> l.capacity(Long.MAX_VALUE / 4).refillGreedy(1, Duration.ofSeconds(1)))
                .build();
        Result memoryBucket = sample("Bucket4j in-memory tryConsume", SAMPLES, () -> bucket.tryConsume(1) ? 1 : 0);
        jdbc.execute("create temporary table bench_bucket (id int primary key, tokens bigint)");
        jdbc.update("insert into bench_bucket values (1, 9223372036854775000)");
        Result sqlBucket = sample("single-row UPDATE round trip (PostgreSQL bucket floor)", SQL_SAMPLES,
                () -> jdbc.update("update bench_bucket set tokens = tokens - 1 where id = 1 and tokens > 0"));

        write(new Result[] {noop, cached, denied, missSql, memoryBucket, sqlBucket}, cached, missSql, memoryBucket, sqlBucket);
    }

    private static Result sample(String name, int samples, LongSupplier work) {
        long sink = 0;
        for (int i = 0; i < Math.min(WARMUP, samples); i++) {
            sink += work.getAsLong();
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            sink += work.getAsLong();
            nanos[i] = System.nanoTime() - start;
        }
        if (sink == Long.MIN_VALUE) {
            System.out.println(sink);
        }
        Arrays.sort(nanos);
        return new Result(name, nanos[samples / 2] / 1000.0, nanos[(int) (samples * 0.99)] / 1000.0,
                nanos[(int) (samples * 0.999)] / 1000.0);
    }

    private static void write(Result[] results, Result cached, Result missSql, Result memoryBucket, Result sqlBucket)
            throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# ARM request path: authorization and throttling\n\n")
                .append("Generated by `ArmRequestPathBenchmark` (`mvn -B -pl service -am verify -Pbenchmark`) on ")
                .append(Instant.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(Runtime.version()).append(". Latencies in microseconds.\n\n")
                .append("| measured | p50 | p99 | p99.9 |\n|---|---:|---:|---:|\n");
        for (Result r : results) {
            out.append(String.format("| %s | %.2f | %.2f | %.2f |%n", r.name(), r.p50Micros(), r.p99Micros(), r.p999Micros()));
        }
        out.append(String.format("%nRatios (p99): cached RBAC check / cache-miss SQL = %.3f; in-memory bucket / "
                        + "PostgreSQL UPDATE = %.4f.%n", cached.p99Micros() / missSql.p99Micros(),
                memoryBucket.p99Micros() / sqlBucket.p99Micros()));
        out.append(String.format("Target: the RBAC check adds under 200 µs p99: measured %.2f µs p99 (%s).%n",
                cached.p99Micros(), cached.p99Micros() < 200 ? "met" : "NOT met"));
        Path file = Path.of("..", "docs", "benchmarks", "arm-request-path.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
        System.out.println(out);
    }
}
