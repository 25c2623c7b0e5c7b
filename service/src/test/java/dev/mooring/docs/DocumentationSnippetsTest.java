package dev.mooring.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mooring.local.LocalHttps;
import dev.mooring.testing.TestAgentCa;
import dev.mooring.testing.TestPostgres;
import dev.mooring.testing.TestSecrets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every shell snippet of README.md and docs/ runs as written: the fenced {@code bash} blocks of each page, in
 * order, in one bash process per page ({@code set -eo pipefail}, so variables carry from block to block as in the
 * reader's terminal), against a local-mode Mooring this test starts on random ports with its own data directory
 * and database. A block preceded by {@code <!-- snippet: skip REASON -->} is skipped, with its reason printed:
 * it needs what a test has not (Docker, Helm, a real cluster) or is the run command itself; one preceded by
 * {@code <!-- snippet: needs PROGRAM -->} is skipped where that program (kubectl) is not installed. Background jobs a
 * page starts (the connect command) are stopped when its script ends.
 *
 * <p>Before running, the snippets are rewritten to this test's Mooring: {@code localhost:8080} and
 * {@code localhost:8443} to its HTTP and HTTPS ports, the data directory {@code .mooring} to its own, the SDK flows'
 * directory {@code docs/sdk-flows} to the repository's, and
 * {@code agent/target/} to the repository's (each page runs in a scratch directory, so that files the snippets
 * write, such as onboarding keys, land there). Also: every Markdown table is one table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocumentationSnippetsTest {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final Path DATA_DIRECTORY = temporaryDirectory("mooring-docs-data");
    private static final Duration PAGE_TIMEOUT = Duration.ofMinutes(4);
    /** Printed by the connect command for each cluster ARM reads Connected. */
    private static final String CONNECTED = ": Connected (";
    private static long startedNanos;
    private static volatile long readyNanos;

    @LocalServerPort
    int port;

    @Autowired
    LocalHttps https;

    @DynamicPropertySource
    static void localMode(DynamicPropertyRegistry registry) {
        startedNanos = System.nanoTime();
        // A database of its own: the pages create resources under fixed names in the seeded subscription.
        String database = TestPostgres.createDatabase("docs_" + UUID.randomUUID().toString().replace("-", ""));
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> TestPostgres.server().username());
        registry.add("spring.datasource.password", () -> TestPostgres.server().password());
        registry.add("mooring.local.enabled", () -> "true");
        registry.add("mooring.local.https-port", () -> "0");
        registry.add("mooring.local.data-directory", DATA_DIRECTORY::toString);
        TestSecrets.register(registry);
        TestAgentCa.register(registry);
    }

    @Test
    void everyMarkdownTableIsOneTable() {
        List<String> stray = MarkdownSnippets.pages(REPOSITORY).stream()
                .flatMap(page -> MarkdownSnippets.strayTableRows(page).stream()).toList();
        assertThat(stray).as("rows cut off from their table (a blank line inside a table ends it)").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyBashSnippetRunsAsWritten() {
        return MarkdownSnippets.pages(REPOSITORY).stream()
                .filter(page -> !MarkdownSnippets.bashBlocks(page).isEmpty())
                .map(page -> DynamicTest.dynamicTest(REPOSITORY.relativize(page).toString(), () -> run(page)));
    }

    private void run(Path page) throws Exception {
        if (readyNanos == 0) {
            readyNanos = System.nanoTime() - startedNanos;
        }
        List<MarkdownSnippets.Block> blocks = MarkdownSnippets.bashBlocks(page);
        for (MarkdownSnippets.Block block : blocks) {
            if (block.skipReason() != null) {
                System.out.println("Snippet " + block.where() + " skipped: " + block.skipReason());
            }
        }
        List<MarkdownSnippets.Block> runnable = blocks.stream().filter(block -> block.skipReason() == null).toList();
        if (runnable.stream().anyMatch(block -> block.text().contains("agent/target/"))) {
            assumeTrue(Files.exists(REPOSITORY.resolve("agent/target/lib")), page.getFileName()
                    + " runs the agent jar, which is not built: run the suite from the repository root (mvn -B verify)");
        }
        StringBuilder script = new StringBuilder("set -eo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n");
        for (int i = 0; i < runnable.size(); i++) {
            script.append("printf '\\n>>> block ").append(i).append("\\n'\n").append(rewrite(runnable.get(i).text())).append('\n');
        }
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script.toString())
                .directory(Files.createTempDirectory("mooring-docs-" + page.getFileName()).toFile())
                .redirectErrorStream(true);
        // The agent jar needs the Java this suite runs on, which may not be the first java on the PATH.
        bash.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator
                + System.getenv("PATH"));
        Process process = bash.start();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofVirtual().start(() -> read(process, output));
        boolean finished = process.waitFor(PAGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        reader.join(Duration.ofSeconds(10));
        process.descendants().forEach(ProcessHandle::destroy);
        if (!finished || process.exitValue() != 0) {
            throw new AssertionError(failure(page, runnable, output, finished ? "exited with " + process.exitValue()
                    : "did not finish within " + PAGE_TIMEOUT));
        }
    }

    private String rewrite(String snippet) {
        return snippet.replace("localhost:8080", "localhost:" + port)
                .replace("localhost:8443", "localhost:" + https.port())
                .replaceAll("(?<![\\w./-])\\.mooring(?=/|\\s|$)", DATA_DIRECTORY.toString())
                .replace("agent/target/", REPOSITORY.resolve("agent/target") + "/")
                .replaceAll("(?<![\\w./-])docs/sdk-flows", REPOSITORY.resolve("docs/sdk-flows").toString());
    }

    /** Collects the script's output; the first connect-command line saying Connected is timed. */
    private static void read(Process process, List<String> output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.contains(CONNECTED) && FirstConnected.record(System.nanoTime() - startedNanos)) {
                    System.out.printf("From start to the first Connected cluster: %.1f s (Mooring ready after %.1f s,"
                            + " then the snippets before it)%n", FirstConnected.seconds(), readyNanos / 1e9);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The failing block's text and the page's output since that block began. */
    private static String failure(Path page, List<MarkdownSnippets.Block> blocks, List<String> output, String how) {
        List<String> lines;
        synchronized (output) {
            lines = List.copyOf(output);
        }
        int last = -1;
        int from = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(">>> block ")) {
                last = Integer.parseInt(lines.get(i).substring(">>> block ".length()).strip());
                from = i + 1;
            }
        }
        if (last < 0) {
            return page.getFileName() + ": the script " + how + " before its first block:\n" + String.join("\n", lines);
        }
        MarkdownSnippets.Block block = blocks.get(last);
        return "The snippet at " + block.where() + " " + how + ".\n--- snippet ---\n" + block.text()
                + "--- output ---\n" + String.join("\n", lines.subList(from, lines.size()));
    }

    /** When the first cluster read Connected, once per test JVM. */
    private static final class FirstConnected {
        private static long nanos = -1;

        static synchronized boolean record(long elapsed) {
            if (nanos >= 0) {
                return false;
            }
            nanos = elapsed;
            return true;
        }

        static synchronized double seconds() {
            return nanos / 1e9;
        }
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
