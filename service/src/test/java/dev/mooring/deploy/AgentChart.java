package dev.mooring.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The agent chart (deploy/agent-chart) rendered as {@code helm template} would, with {@link HelmTemplates}, and its
 * rendered example (deploy/agent-chart/example/rendered.yaml, for the values beside it).
 */
public final class AgentChart {

    public static final String DIRECTORY = "deploy/agent-chart";
    public static final String EXAMPLE = DIRECTORY + "/example";
    /** The release the example stands for: {@code helm template mooring-agent deploy/agent-chart -n mooring-agent}. */
    public static final String RELEASE = "mooring-agent";
    public static final String NAMESPACE = "mooring-agent";

    private AgentChart() {
    }

    public static Map<String, Object> defaultValues() {
        return DeployFiles.document(DIRECTORY + "/values.yaml");
    }

    public static Map<String, Object> exampleValues() {
        return merged(defaultValues(), DeployFiles.document(EXAMPLE + "/values.yaml"));
    }

    /** The rendered example's documents. */
    public static List<Map<String, Object>> example() {
        return DeployFiles.documents(DeployFiles.read(EXAMPLE + "/rendered.yaml"));
    }

    /** What the chart renders for {@code values} (already merged over values.yaml), in Helm's output format. */
    public static String render(Map<String, Object> values) {
        Map<String, Object> chart = DeployFiles.document(DIRECTORY + "/Chart.yaml");
        Map<String, Object> chartFacts = Map.of("Name", chart.get("name"), "Version", String.valueOf(chart.get("version")),
                "AppVersion", String.valueOf(chart.get("appVersion")));
        Map<String, Object> release = Map.of("Name", RELEASE, "Namespace", NAMESPACE, "Service", "Helm");
        StringBuilder out = new StringBuilder();
        for (Path template : templates()) {
            String rendered;
            try {
                rendered = HelmTemplates.render(Files.readString(template), values, release, chartFacts);
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (IllegalArgumentException e) {
                throw new AssertionError(template.getFileName() + ": " + e.getMessage(), e);
            }
            out.append("---\n# Source: ").append(chart.get("name")).append("/templates/").append(template.getFileName())
                    .append('\n').append(rendered.strip()).append('\n');
        }
        return out.toString();
    }

    /** The manifest templates (Helm renders NOTES.txt and partials separately). */
    public static List<Path> templates() {
        try (Stream<Path> files = Files.list(DeployFiles.ROOT.resolve(DIRECTORY + "/templates"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml") && !f.getFileName().toString().startsWith("_"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Helm's merge of a values file over the chart's values: maps merge key by key, anything else is replaced. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && result.get(key) instanceof Map<?, ?> existing) {
                result.put(key, merged((Map<String, Object>) existing, (Map<String, Object>) map));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
