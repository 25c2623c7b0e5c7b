package dev.mooring.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images (service/Dockerfile, agent/Dockerfile; no Docker engine runs here to build them): a Maven build stage
 * and a JRE 21+ runtime stage, a non-root user, a health check, and layering that matches how each module is built.
 */
class DockerfilesTest {

    /** Spring Boot's default layers, least often changed first (BOOT-INF/layers.idx of the service's jar). */
    static final List<String> BOOT_LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    record Instruction(String keyword, String arguments) {
    }

    /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
    static List<Instruction> instructions(String dockerfile) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : DeployFiles.read(dockerfile).split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || stripped.isEmpty()) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String text = current.toString().replaceAll("\\s+", " ");
            int space = text.indexOf(' ');
            instructions.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
            current.setLength(0);
        }
        return instructions;
    }

    /** The instructions of the last stage (the image that ships). */
    static List<Instruction> finalStage(List<Instruction> all) {
        int last = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return all.subList(last, all.size());
    }

    static List<String> arguments(List<Instruction> instructions, String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"service/Dockerfile", "agent/Dockerfile"})
    void aMavenBuildStageAndAJre21RuntimeStageRunningAsANonRootUserWithAHealthCheck(String dockerfile) {
        List<Instruction> all = instructions(dockerfile);
        List<String> froms = arguments(all, "FROM");
        assertThat(froms).hasSize(2);
        assertThat(froms.getFirst()).matches("maven:3\\.9-eclipse-temurin-\\$\\{JAVA_VERSION} AS build");
        assertThat(froms.getLast()).matches("eclipse-temurin:\\$\\{JAVA_VERSION}-jre(-[a-z]+)?");
        String javaVersion = arguments(all, "ARG").stream().filter(a -> a.startsWith("JAVA_VERSION="))
                .map(a -> a.substring("JAVA_VERSION=".length())).findFirst().orElseThrow();
        assertThat(Integer.parseInt(javaVersion)).isGreaterThanOrEqualTo(21)
                .isEqualTo(Integer.parseInt(pomValue(DeployFiles.read("pom.xml"), "java.version")));

        List<Instruction> runtime = finalStage(all);
        List<String> users = arguments(runtime, "USER");
        assertThat(users).hasSize(1);
        String uid = users.getFirst().split(":")[0];
        assertThat(uid).as("a numeric user, so that Kubernetes' runAsNonRoot can verify it").matches("[0-9]+");
        assertThat(Integer.parseInt(uid)).isPositive().isEqualTo(10001);
        assertThat(String.join("\n", arguments(runtime, "RUN"))).contains("useradd --system --uid " + uid);
        // The user is the last word: nothing after it runs as root.
        assertThat(runtime.subList(runtime.indexOf(runtime.stream().filter(i -> i.keyword().equals("USER")).findFirst()
                .orElseThrow()), runtime.size())).noneMatch(i -> i.keyword().equals("RUN"));
        assertThat(arguments(runtime, "HEALTHCHECK")).hasSize(1);
        assertThat(arguments(runtime, "ENTRYPOINT")).singleElement().asString().startsWith("[\"java\",").contains("\"-jar\"");

        // The build stage sees every module's POM (the reactor reads them all).
        for (String module : modules()) {
            assertThat(arguments(all, "COPY")).contains(module + "/pom.xml " + module + "/");
        }
    }

    @Test
    void theServiceImageCopiesSpringBootsLayersInOrderAndRunsTheExtractedJar() throws IOException {
        List<Instruction> all = instructions("service/Dockerfile");
        String artifactId = pomValue(DeployFiles.read("service/pom.xml"), "artifactId");
        assertThat(String.join("\n", arguments(all, "RUN"))).contains("mvn -B -q -pl service -am package");
        String pom = DeployFiles.read("service/pom.xml");
        assertThat(pom).contains("<goal>repackage</goal>").doesNotContain("<layers>");

        Matcher extract = Pattern.compile("java -Djarmode=tools -jar service/target/" + Pattern.quote(artifactId)
                + "-\\*\\.jar extract --layers --application-filename (\\S+) --destination (\\S+)")
                .matcher(String.join("\n", arguments(all, "RUN")));
        assertThat(extract.find()).as("the service's jar is extracted by layers").isTrue();
        String jarName = extract.group(1);
        String layers = extract.group(2);
        List<Instruction> runtime = finalStage(all);
        List<String> copies = arguments(runtime, "COPY");
        assertThat(copies).containsExactlyElementsOf(BOOT_LAYERS.stream()
                .map(layer -> "--from=build " + layers + "/" + layer + "/ ./").toList());
        String workdir = arguments(runtime, "WORKDIR").getLast();
        assertThat(arguments(runtime, "ENTRYPOINT").getFirst()).endsWith("\"-jar\", \"" + workdir + "/" + jarName + "\"]");

        // The health check asks the liveness group on the port the service listens on.
        String port = SpringSettings.environment(java.util.Map.of()).getProperty("server.port");
        assertThat(arguments(runtime, "HEALTHCHECK").getFirst()).contains("http://127.0.0.1:" + port + "/actuator/health/liveness");

        // Where a packaged jar is at hand, its layer index is the one the image copies.
        Path jar = DeployFiles.ROOT.resolve("service/target/" + artifactId + "-" + projectVersion() + ".jar");
        if (Files.exists(jar)) {
            try (JarFile file = new JarFile(jar.toFile())) {
                var index = file.getEntry("BOOT-INF/layers.idx");
                assertThat(index).isNotNull();
                List<String> listed = new String(file.getInputStream(index).readAllBytes()).lines()
                        .filter(line -> line.startsWith("- ")).map(line -> line.substring(3, line.length() - 2)).toList();
                assertThat(listed).containsExactlyElementsOf(BOOT_LAYERS);
            }
        }
    }

    @Test
    void theAgentImageCopiesTheDependenciesTheJarsManifestNamesThenTheJar() throws Exception {
        List<Instruction> all = instructions("agent/Dockerfile");
        String pom = DeployFiles.read("agent/pom.xml");
        String artifactId = pomValue(pom, "artifactId");
        String run = String.join("\n", arguments(all, "RUN"));
        assertThat(run).contains("mvn -B -q -pl agent -am package").contains("cp agent/target/" + artifactId + "-*.jar ");
        // The manifest's Class-Path points at lib/ beside the jar, which copy-dependencies fills.
        String prefix = pomValue(pom, "classpathPrefix");
        assertThat(pomValue(pom, "outputDirectory")).isEqualTo("${project.build.directory}/" + prefix.replace("/", ""));
        String mainClass = pomValue(pom, "mainClass");
        assertThat(Class.forName(mainClass).getMethod("main", String[].class)).isNotNull();

        List<Instruction> runtime = finalStage(all);
        String workdir = arguments(runtime, "WORKDIR").getLast();
        List<String> copies = arguments(runtime, "COPY");
        assertThat(copies).hasSize(2);
        assertThat(copies.getFirst()).isEqualTo("--from=build /src/agent/target/lib/ " + prefix);
        String jarName = copies.getLast().substring(copies.getLast().lastIndexOf(' ') + 1);
        assertThat(arguments(runtime, "ENTRYPOINT").getFirst()).endsWith("\"-jar\", \"" + workdir + "/" + jarName + "\"]");

        // In a reactor build the agent is packaged before these tests run: its manifest then names exactly lib/'s jars.
        Path jar = DeployFiles.ROOT.resolve("agent/target/" + artifactId + "-" + projectVersion() + ".jar");
        Path lib = DeployFiles.ROOT.resolve("agent/target/lib");
        Assumptions.assumeTrue(Files.exists(jar) && Files.isDirectory(lib),
                "agent/target holds no packaged agent (build with -am or mvn verify from the root to check its manifest)");
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        }
        assertThat(manifest.getMainAttributes().getValue("Main-Class")).isEqualTo(mainClass);
        List<String> classPath = Arrays.asList(manifest.getMainAttributes().getValue("Class-Path").split(" "));
        try (Stream<Path> files = Files.list(lib)) {
            assertThat(classPath).containsExactlyInAnyOrderElementsOf(
                    files.map(f -> prefix + f.getFileName()).toList());
        }
    }

    private static List<String> modules() {
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(DeployFiles.read("pom.xml"));
        List<String> modules = new ArrayList<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        assertThat(modules).contains("service", "agent", "db-migrations");
        return modules;
    }

    private static String projectVersion() {
        String pom = DeployFiles.read("pom.xml");
        return pomValue(pom.substring(pom.indexOf("<artifactId>mooring-parent</artifactId>")), "version");
    }

    /** The first element of that name in the POM after its parent section. */
    private static String pomValue(String pom, String element) {
        String body = pom.contains("</parent>") ? pom.substring(pom.indexOf("</parent>")) : pom;
        int start = body.indexOf("<" + element + ">");
        assertThat(start).as("<%s> in the POM", element).isNotNegative();
        return body.substring(start + element.length() + 2, body.indexOf("</" + element + ">", start)).strip();
    }
}
