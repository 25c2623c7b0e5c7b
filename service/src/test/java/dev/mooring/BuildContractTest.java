package dev.mooring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's two commands are the ones the project really uses: CI runs README's test command verbatim. */
class BuildContractTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void ciRunsReadmesTestCommandVerbatim() throws IOException {
        String testCommand = commandUnder("### Run all tests");
        List<String> ciLines = Files.readAllLines(ROOT.resolve(".ci/run")).stream().map(String::strip).toList();
        assertThat(ciLines).contains(testCommand);
    }

    @Test
    void readmeRunCommandStartsTheLocalLauncher() throws IOException {
        assertThat(commandUnder("### Run Mooring locally")).contains("spring-boot:test-run");
    }

    /** The first line of the first fenced code block after {@code heading}. */
    private static String commandUnder(String heading) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int at = lines.indexOf(heading);
        assertThat(at).as("README.md has a '%s' section", heading).isNotNegative();
        for (int i = at + 1; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("```")) {
                return lines.get(i + 1).strip();
            }
        }
        throw new AssertionError("No code block under " + heading);
    }
}
