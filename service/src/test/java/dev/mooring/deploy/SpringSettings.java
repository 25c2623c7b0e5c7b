package dev.mooring.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's configuration as deployment files must name it: every property Mooring reads (its
 * {@code @ConfigurationProperties} records, the placeholders and conditions in its sources) and every property
 * Spring Boot documents (its configuration metadata), and Spring Boot's own processing of an environment (relaxed
 * binding of variables, {@code spring.config.import} of config trees, application.properties), so that compose
 * and Kubernetes files are checked against the real thing rather than a copied list.
 */
public final class SpringSettings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z0-9.-]*)[:}]");
    private static final Pattern CONDITION = Pattern.compile("ConditionalOnBooleanProperty\\((?:name = )?\"([a-z0-9.-]+)\"");

    /** Property name → whether it is a map (whose keys follow the name). */
    private static Map<String, Boolean> known;

    private SpringSettings() {
    }

    /** Every property name the service reads or Spring Boot documents, with whether it is a map. */
    public static synchronized Map<String, Boolean> knownProperties() {
        if (known == null) {
            Map<String, Boolean> properties = new HashMap<>();
            mooringRecords().forEach((prefix, type) -> {
                for (RecordComponent component : type.getRecordComponents()) {
                    properties.put(prefix + "." + kebab(component.getName()), Map.class.isAssignableFrom(component.getType()));
                }
            });
            try (Stream<Path> sources = Files.walk(DeployFiles.ROOT.resolve("service/src/main/java"))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(source);
                    for (Pattern pattern : List.of(PLACEHOLDER, CONDITION)) {
                        Matcher matcher = pattern.matcher(text);
                        while (matcher.find()) {
                            properties.putIfAbsent(matcher.group(1), false);
                        }
                    }
                }
                JsonMapper json = JsonMapper.builder().build();
                for (Resource resource : new PathMatchingResourcePatternResolver()
                        .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
                    try (InputStream in = resource.getInputStream()) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            String type = property.path("type").asString("");
                            properties.putIfAbsent(property.path("name").asString(), type.startsWith("java.util.Map"));
                        }
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            known = Map.copyOf(properties);
        }
        return known;
    }

    /** The {@code @ConfigurationProperties} records of the service, by prefix. */
    public static Map<String, Class<?>> mooringRecords() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Map<String, Class<?>> records = new LinkedHashMap<>();
        scanner.findCandidateComponents("dev.mooring").forEach(candidate -> {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                if (type.getPackageName().startsWith("dev.mooring.testing") || !type.isRecord()) {
                    return;
                }
                records.put(type.getAnnotation(ConfigurationProperties.class).value(), type);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(records).as("the service's @ConfigurationProperties records").containsKeys("mooring.secrets", "mooring.agents");
        return records;
    }

    /** The property an environment variable sets, by Spring Boot's relaxed binding; fails if it sets none. */
    public static String propertyOf(String variable) {
        for (Map.Entry<String, Boolean> property : knownProperties().entrySet()) {
            String name = property.getKey();
            String canonical = name.toUpperCase().replace('.', '_').replace("-", "");
            String legacy = name.toUpperCase().replace('.', '_').replace('-', '_');
            // A scalar binds from either form; a map's keys only after the canonical one (dashes dropped):
            // MOORING_AGENTS_DATAPLANEURLS_EASTUS binds, MOORING_AGENTS_DATA_PLANE_URLS_EASTUS does not.
            if (variable.equals(canonical) || variable.equals(legacy)
                    || (property.getValue() && variable.startsWith(canonical + "_"))) {
                return name;
            }
        }
        throw new AssertionError(variable + " sets no property the service reads or Spring Boot knows");
    }

    /** A file in a config tree names its property by its path: it must be one the service reads. */
    public static void assertConfigTreeFileIsKnown(String propertyName) {
        boolean isKnown = knownProperties().entrySet().stream().anyMatch(p -> p.getKey().equals(propertyName)
                || (p.getValue() && propertyName.startsWith(p.getKey() + ".")));
        assertThat(isKnown).as("config tree file %s names a property the service reads", propertyName).isTrue();
    }

    /**
     * The environment Spring Boot builds for the service from these variables alone (not this JVM's): relaxed
     * binding, application.properties, and any {@code spring.config.import} they name (config trees included).
     */
    public static ConfigurableEnvironment environment(Map<String, String> variables) {
        StandardEnvironment environment = new StandardEnvironment() {
            @Override
            protected void customizePropertySources(MutablePropertySources sources) {
                sources.addLast(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(variables)));
            }
        };
        SpringApplication application = new SpringApplication(Nothing.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setEnvironment(environment);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        // Not the logging listener: it would reconfigure this JVM's logging (e.g. to ECS JSON) for every later test.
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
        try (ConfigurableApplicationContext context = application.run()) {
            return context.getEnvironment();
        }
    }

    /** Binds one of the service's records as the service would (its constructor's own checks included). */
    public static <T> T bind(ConfigurableEnvironment environment, Class<T> type) {
        String prefix = type.getAnnotation(ConfigurationProperties.class).value();
        return Binder.get(environment).bindOrCreate(prefix, Bindable.of(type));
    }

    /** Every record of the service binds from this environment (none fails on a value of the wrong type). */
    public static Set<String> bindAll(ConfigurableEnvironment environment) {
        Set<String> bound = new TreeSet<>();
        mooringRecords().forEach((prefix, type) -> {
            Binder.get(environment).bind(prefix, Bindable.of(type));
            bound.add(prefix);
        });
        return bound;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** The empty application whose only purpose is Spring Boot's environment processing. */
    static class Nothing {
    }
}
