package dev.mooring.extensions;

import dev.mooring.arm.Bounded;
import dev.mooring.arm.errors.ArmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The extension types clusters may install, read at start: {@code mooring.extensions.catalogue} when the
 * configuration sets it, else the catalogue Mooring ships ({@value #SHIPPED}). Their release trains and versions,
 * Helm chart and allowed scopes. A request the catalogue cannot serve is refused here, before anything is stored.
 */
@Component
class ExtensionCatalogue {

    /** What an extension resolves to: the version the agent installs and where its chart is. */
    record Resolved(String version, String packageUri, ExtensionsProperties.ExtensionType type) {
    }

    private final Map<String, ExtensionsProperties.ExtensionType> types = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static final String SHIPPED = "extensions/catalogue.yml";

    ExtensionCatalogue(ExtensionsProperties properties) {
        for (ExtensionsProperties.ExtensionType type : properties.catalogue().isEmpty() ? shipped() : properties.catalogue()) {
            if (types.putIfAbsent(type.type(), type) != null) {
                throw new IllegalStateException("The extension catalogue lists type '" + type.type() + "' twice");
            }
        }
    }

    private static List<ExtensionsProperties.ExtensionType> shipped() {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(SHIPPED, new ClassPathResource(SHIPPED));
            return new Binder(sources.stream().map(ConfigurationPropertySource::from).toList())
                    .bind("mooring.extensions.catalogue", Bindable.listOf(ExtensionsProperties.ExtensionType.class))
                    .orElseThrow(() -> new IllegalStateException(SHIPPED + " lists no extension types"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SHIPPED, e);
        }
    }

    Optional<ExtensionsProperties.ExtensionType> find(String extensionType) {
        return Optional.ofNullable(extensionType == null ? null : types.get(extensionType));
    }

    ExtensionsProperties.ExtensionType require(String extensionType) {
        return find(extensionType).orElseThrow(() -> ArmException.badRequest("InvalidExtensionType",
                "The extension type '" + Bounded.text(extensionType) + "' is not offered here. The offered types are '"
                        + String.join(", ", types.keySet()) + "'.", "properties.extensionType"));
    }

    /**
     * The version and chart for {@code spec}, or a 400 naming what the catalogue does not offer: the type, the
     * release train, the pinned version in that train, or the scope.
     */
    Resolved resolve(ExtensionSpec spec) {
        ExtensionsProperties.ExtensionType type = require(spec.extensionType());
        if (type.scopes().stream().noneMatch(spec.scope()::equalsIgnoreCase)) {
            throw ArmException.badRequest("InvalidScope", "The extension type '" + type.type() + "' cannot be installed"
                    + " at " + spec.scope() + " scope; it allows '" + String.join(", ", type.scopes()) + "'.",
                    "properties.scope");
        }
        List<String> versions = train(type, spec.releaseTrain());
        if (spec.version() != null) {
            if (!versions.contains(spec.version())) {
                throw ArmException.badRequest("InvalidExtensionVersion", "The version '" + Bounded.text(spec.version())
                        + "' of extension type '" + type.type() + "' is not in release train '" + spec.releaseTrain()
                        + "'. Its versions are '" + String.join(", ", versions) + "'.", "properties.version");
            }
            return new Resolved(spec.version(), packageUri(type, spec.version()), type);
        }
        String newest = newest(versions);
        return new Resolved(newest, packageUri(type, newest), type);
    }

    /** The newest version of the train that auto-upgrade in {@code mode} may move {@code from} to, if any. */
    Optional<Resolved> upgrade(String extensionType, String releaseTrain, String from, String mode) {
        return find(extensionType).flatMap(type -> trainOf(type, releaseTrain)
                .flatMap(versions -> versions.stream().filter(v -> ExtensionVersions.mayMove(from, v, mode))
                        .max(ExtensionVersions.ORDER))
                .map(v -> new Resolved(v, packageUri(type, v), type)));
    }

    private static List<String> train(ExtensionsProperties.ExtensionType type, String releaseTrain) {
        return trainOf(type, releaseTrain).orElseThrow(() -> ArmException.badRequest("InvalidReleaseTrain",
                "The release train '" + Bounded.text(releaseTrain) + "' does not exist for extension type '"
                        + type.type() + "'. Its trains are '" + String.join(", ", type.releaseTrains().keySet()) + "'.",
                "properties.releaseTrain"));
    }

    private static Optional<List<String>> trainOf(ExtensionsProperties.ExtensionType type, String releaseTrain) {
        return type.releaseTrains().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(releaseTrain) && !e.getValue().isEmpty())
                .map(Map.Entry::getValue).findFirst();
    }

    private static String newest(List<String> versions) {
        return versions.stream().max(ExtensionVersions.ORDER).orElseThrow();
    }

    /** Where the chart of {@code version} is: {@code oci://.../name:version} or {@code https://repo/name-version.tgz}. */
    static String packageUri(ExtensionsProperties.ExtensionType type, String version) {
        String repository = type.chartRepository().replaceAll("/+$", "");
        return repository.toLowerCase(Locale.ROOT).startsWith("oci://")
                ? repository + "/" + type.chartName() + ":" + version
                : repository + "/" + type.chartName() + "-" + version + ".tgz";
    }
}
