package dev.mooring.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the documentation tests read from Markdown: the fenced {@code bash} blocks (with the markers
 * {@code <!-- snippet: skip REASON -->} and {@code <!-- snippet: needs PROGRAM -->} on the line before a fence),
 * and the table rows that a blank line cut off from their table.
 */
final class MarkdownSnippets {

    private static final Pattern SKIP = Pattern.compile("<!--\\s*snippet:\\s*skip\\s+(.+?)\\s*-->");
    private static final Pattern NEEDS = Pattern.compile("<!--\\s*snippet:\\s*needs\\s+(\\S+)\\s*-->");

    /** One fenced bash block: where it starts (1-based line of the fence), its text, and why it is skipped, if it is. */
    record Block(Path file, int line, String text, String skipReason) {
        String where() {
            return file.getFileName() + ":" + line;
        }
    }

    private MarkdownSnippets() {
    }

    /** README.md, then docs/tutorial.md (its story follows README), then every other page under docs/, by path. */
    static List<Path> pages(Path repository) {
        List<Path> pages = new ArrayList<>(List.of(repository.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(repository.resolve("docs"))) {
            // Packages installed for the SDK flows bring their own READMEs: those are not Mooring's documentation.
            docs.filter(path -> path.toString().endsWith(".md") && !path.toString().contains("/node_modules/")).sorted((a, b) -> a.endsWith("tutorial.md") ? -1
                    : b.endsWith("tutorial.md") ? 1 : a.compareTo(b)).forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static List<Block> bashBlocks(Path file) {
        List<String> lines = read(file);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (!fence.startsWith("```")) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            if (fence.equals("```bash")) {
                blocks.add(new Block(file, start + 1, text.toString(), skipReason(lines, start)));
            }
        }
        return blocks;
    }

    /**
     * Why the block after the last non-blank line before {@code fence} is skipped: the reason of a
     * {@code snippet: skip REASON} marker there, or for {@code snippet: needs PROGRAM} a program not on the PATH.
     */
    private static String skipReason(List<String> lines, int fence) {
        for (int i = fence - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                Matcher skip = SKIP.matcher(lines.get(i));
                if (skip.find()) {
                    return skip.group(1);
                }
                Matcher needs = NEEDS.matcher(lines.get(i));
                return needs.find() && !onPath(needs.group(1)) ? "needs " + needs.group(1) + ", which is not on the PATH"
                        : null;
            }
        }
        return null;
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    /**
     * Table rows that start a table without being its header (a header row followed by a {@code |---|} row):
     * what a blank line inside a table leaves behind. Lines in code fences are not tables.
     */
    static List<String> strayTableRows(Path file) {
        List<String> lines = read(file);
        List<String> stray = new ArrayList<>();
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            boolean row = !inFence && line.startsWith("|");
            boolean continues = i > 0 && lines.get(i - 1).strip().startsWith("|");
            boolean header = i + 1 < lines.size() && lines.get(i + 1).strip().matches("\\|(\\s*:?-+:?\\s*\\|)+");
            if (row && !continues && !header) {
                stray.add(file.getFileName() + ":" + (i + 1) + ": " + line);
            }
        }
        return stray;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
