package dev.mooring.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Test helpers for the deployment artifacts (docker-compose.yml, deploy/, the Dockerfiles): the repository's files,
 * YAML documents as plain maps, {@code kubectl kustomize}, and fabric8's typed Kubernetes model as a schema check.
 */
public final class DeployFiles {

    /** The repository root (tests run in service/). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private DeployFiles() {
    }

    public static String read(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + relative, e);
        }
    }

    /** Every non-empty YAML document in {@code text}, as maps (SnakeYAML's safe loader). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    public static Map<String, Object> document(String relative) {
        List<Map<String, Object>> documents = documents(read(relative));
        assertThat(documents).as(relative).hasSize(1);
        return documents.getFirst();
    }

    /** {@code kubectl kustomize <dir>}'s output; skips the calling test, saying why, where kubectl is absent. */
    public static String kustomize(String relativeDirectory) {
        Assumptions.assumeTrue(kubectlPresent(), "kubectl is not installed here: rendering " + relativeDirectory
                + " with kubectl kustomize is skipped (install kubectl to run this check)");
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", ROOT.resolve(relativeDirectory).toString())
                    .redirectErrorStream(false).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize %s failed: %s", relativeDirectory, err).isZero();
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static boolean kubectlPresent() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The one document of this kind and name. */
    public static Map<String, Object> only(List<Map<String, Object>> documents, String kind, String name) {
        List<Map<String, Object>> found = documents.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata.name"))).toList();
        assertThat(found).as("exactly one %s %s", kind, name).hasSize(1);
        return found.getFirst();
    }

    public static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    /** The value at a dotted path of maps ({@code spec.template.spec}); null where any step is missing. */
    @SuppressWarnings("unchecked")
    public static <T> T at(Object node, String path) {
        Object current = node;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return (T) current;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Object node, String path) {
        Object value = at(node, path);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** name → value of a list of {name, value} maps (env, ports, volumes...). */
    public static Map<String, Map<String, Object>> byName(List<Map<String, Object>> items) {
        Map<String, Map<String, Object>> named = new LinkedHashMap<>();
        for (Map<String, Object> item : items) {
            assertThat(named.put((String) item.get("name"), item)).as("duplicate name %s", item.get("name")).isNull();
        }
        return named;
    }

    /**
     * The document as fabric8's typed model, failing on any field the Kubernetes schema does not know (fabric8
     * keeps those in additionalProperties): a typo such as {@code readOnlyRootFileSystem} fails here.
     */
    public static <T extends HasMetadata> T typed(Map<String, Object> document, Class<T> type) {
        T typed = KUBERNETES.convertValue(document, type);
        assertThat(typed.getKind()).isEqualTo(document.get("kind"));
        assertNoUnknownFields(typed, document.get("kind") + "/" + at(document, "metadata.name"));
        return typed;
    }

    /** Every document as its typed model (by apiVersion and kind), checked for unknown fields. */
    public static void assertKnownToKubernetes(List<Map<String, Object>> documents) {
        for (Map<String, Object> document : documents) {
            Object typed = KUBERNETES.convertValue(document, io.fabric8.kubernetes.api.model.KubernetesResource.class);
            assertThat(typed).as("a typed model for %s %s", document.get("apiVersion"), document.get("kind"))
                    .isInstanceOf(HasMetadata.class)
                    .isNotInstanceOf(io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
            assertNoUnknownFields(typed, document.get("kind") + "/" + at(document, "metadata.name"));
        }
    }

    private static void assertNoUnknownFields(Object node, String where) {
        if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            if (node instanceof Collection<?> items) {
                items.forEach(item -> assertNoUnknownFields(item, where));
            } else if (node instanceof Map<?, ?> map) {
                map.values().forEach(value -> assertNoUnknownFields(value, where));
            }
            return;
        }
        for (Method method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    fail("%s: fields unknown to Kubernetes in %s: %s", where, node.getClass().getSimpleName(),
                            unknown.keySet());
                }
                continue;
            }
            if (!Objects.equals(value, node)) {
                assertNoUnknownFields(value, where);
            }
        }
    }
}
