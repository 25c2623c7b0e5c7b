package dev.mooring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Azure OpenAPI (Swagger 2.0) specs in {@code ../shared/azure-specs}, read where they are
 * present: Mooring's wire contract. Swagger 2.0 schemas are JSON Schema draft 4 plus extensions, so a
 * response is checked against a definition with a draft-4 validator; {@code $ref}s between spec files
 * resolve on disk. Tests that need the specs are skipped, with a message, where they are absent.
 */
public final class AzureSpecs {

    private static final Path ROOT = Path.of("..", "..", "shared", "azure-specs", "specification")
            .toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Loads spec files from disk only (never from the network), following $refs between them. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources()
                    .allow(iri -> iri.toString().startsWith("file:"))));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    /** {@code specification/resources/.../2021-04-01/resources.json} and its examples. */
    public static final String RESOURCES_2021_04_01 =
            "resources/resource-manager/Microsoft.Resources/stable/2021-04-01/resources.json";

    /**
     * {@code specification/hybridkubernetes/.../stable/{version}/connectedClusters.json}; from 2026-05-01 the specs
     * live in the TypeSpec layout ({@code .../Microsoft.Kubernetes/HybridKubernetes/stable/{version}}).
     */
    public static String connectedClusters(String apiVersion) {
        String typeSpec = "hybridkubernetes/resource-manager/Microsoft.Kubernetes/HybridKubernetes/stable/" + apiVersion
                + "/connectedClusters.json";
        return Files.exists(ROOT.resolve(typeSpec)) ? typeSpec
                : "hybridkubernetes/resource-manager/Microsoft.Kubernetes/stable/" + apiVersion + "/connectedClusters.json";
    }

    /** {@code specification/kubernetesconfiguration/.../{preview|stable}/{version}/kubernetesconfiguration.json}. */
    public static String kubernetesConfiguration(String apiVersion) {
        return "kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/"
                + (apiVersion.endsWith("-preview") ? "preview/" : "stable/") + apiVersion + "/kubernetesconfiguration.json";
    }

    /** The KubernetesConfiguration common definitions (OperationStatusList and friends). */
    public static final String KUBERNETES_CONFIGURATION_COMMON =
            "kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/common/2022-03-01/definitions.json";

    private AzureSpecs() {
    }

    /** The names of a spec's example files. */
    public static java.util.List<String> examples(String spec) {
        return examples(spec, "");
    }

    /** The names of the example files in {@code folder}, relative to the spec's examples folder (empty: that folder). */
    public static java.util.List<String> examples(String spec, String folder) {
        assumePresent();
        Path examples = ROOT.resolve(spec).getParent().resolve("examples").resolve(folder).normalize();
        if (!Files.isDirectory(examples)) {
            return java.util.List.of();
        }
        try (var files = Files.list(examples)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Skips the calling test, saying why, when ../shared/azure-specs is not beside the project. */
    public static void assumePresent() {
        Assumptions.assumeTrue(Files.isDirectory(ROOT),
                "Skipped: the official Azure specs are not at " + ROOT + " (../shared/azure-specs); conformance not checked");
    }

    /** Asserts that {@code json} conforms to {@code definition} of the spec file {@code spec}. */
    public static void assertConforms(String spec, String definition, String json) {
        List<Error> errors = schema(spec, definition).validate(JSON.readTree(json));
        assertThat(errors).as("%s of %s:%n%s", definition, spec, json).isEmpty();
    }

    /** The property names a definition declares (oav reports any other as OBJECT_ADDITIONAL_PROPERTIES). */
    public static java.util.Set<String> definedProperties(String spec, String definition) {
        assumePresent();
        JsonNode properties = JSON.readTree(ROOT.resolve(spec).toFile()).get("definitions").get(definition)
                .get("properties");
        java.util.Set<String> names = new java.util.TreeSet<>();
        properties.propertyNames().forEach(names::add);
        return names;
    }

    /**
     * The HTTP statuses a spec declares for one operation (not {@code default}): {@code pathEnd} ends the
     * operation's path, {@code method} is lower-case ("delete").
     */
    public static java.util.Set<Integer> declaredStatuses(String spec, String pathEnd, String method) {
        assumePresent();
        JsonNode paths = JSON.readTree(ROOT.resolve(spec).toFile()).get("paths");
        java.util.Set<Integer> statuses = new java.util.TreeSet<>();
        paths.properties().stream().filter(path -> path.getKey().endsWith(pathEnd))
                .map(path -> path.getValue().get(method)).filter(java.util.Objects::nonNull)
                .forEach(operation -> operation.get("responses").propertyNames().stream()
                        .filter(code -> code.chars().allMatch(Character::isDigit))
                        .forEach(code -> statuses.add(Integer.valueOf(code))));
        assertThat(statuses).as("%s %s in %s", method, pathEnd, spec).isNotEmpty();
        return statuses;
    }

    /** One example file (relative to the spec file's folder), parsed. */
    public static JsonNode example(String spec, String example) {
        assumePresent();
        return JSON.readTree(ROOT.resolve(spec).getParent().resolve("examples").resolve(example).toFile());
    }

    private static Schema schema(String spec, String definition) {
        assumePresent();
        String location = ROOT.resolve(spec).toUri() + "#/definitions/" + definition;
        return SCHEMAS.computeIfAbsent(location, l -> REGISTRY.getSchema(SchemaLocation.of(l)));
    }
}
