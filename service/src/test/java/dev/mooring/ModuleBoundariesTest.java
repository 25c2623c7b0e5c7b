package dev.mooring;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The map of the house, written once: which feature package may use which. Dependencies point downwards only
 * (arm ← access ← tenancy ← clusters ← configurations ← extensions ← fluxconfigurations, dataplane ← connect;
 * inventory reads clusters and the data plane; secrets and platform stand apart; local only seeds); nothing depends
 * on connect, inventory or local.
 * Package-private by default does the rest.
 */
class ModuleBoundariesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mooring");

    /** Each feature and the features it may use. */
    private static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("arm", List.of());
        MAY_USE.put("platform", List.of());
        MAY_USE.put("secrets", List.of());
        MAY_USE.put("access", List.of("arm", "platform"));
        MAY_USE.put("tenancy", List.of("arm", "platform", "access"));
        MAY_USE.put("clusters", List.of("arm", "platform", "secrets", "access", "tenancy"));
        MAY_USE.put("configurations", List.of("arm", "platform", "secrets", "access", "tenancy", "clusters"));
        MAY_USE.put("oidc", List.of("arm", "access", "clusters"));
        MAY_USE.put("notifications", List.of("arm", "platform", "secrets", "access", "tenancy", "clusters"));
        MAY_USE.put("extensions", List.of("arm", "platform", "secrets", "access", "tenancy", "clusters", "configurations"));
        MAY_USE.put("dataplane", List.of("arm", "platform", "access", "tenancy", "clusters", "configurations", "oidc"));
        MAY_USE.put("connect", List.of("arm", "platform", "secrets", "access", "clusters", "dataplane"));
        MAY_USE.put("inventory", List.of("arm", "platform", "access", "tenancy", "clusters", "dataplane"));
        MAY_USE.put("portal", List.of("arm", "access"));
        MAY_USE.put("metadata", List.of("arm", "access", "tenancy", "dataplane"));
        MAY_USE.put("local", List.of("arm", "platform", "access", "tenancy", "clusters"));
        MAY_USE.put("fluxconfigurations", List.of("arm", "platform", "secrets", "access", "tenancy", "clusters",
                "configurations", "extensions"));
    }

    @Test
    void featuresHaveNoCycles() {
        slices().matching("dev.mooring.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void featuresUseOnlyTheFeaturesBelowThem() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String feature : MAY_USE.keySet()) {
            layers = layers.layer(feature).definedBy("dev.mooring." + feature + "..");
        }
        for (Map.Entry<String, List<String>> feature : MAY_USE.entrySet()) {
            layers = feature.getValue().isEmpty()
                    ? layers.whereLayer(feature.getKey()).mayNotAccessAnyLayer()
                    : layers.whereLayer(feature.getKey()).mayOnlyAccessLayers(feature.getValue().toArray(String[]::new));
        }
        layers.check(MAIN);
    }

    @Test
    void everyFeaturePackageIsOnTheMap() {
        org.assertj.core.api.Assertions.assertThat(MAIN.stream()
                        .map(c -> c.getPackageName())
                        .filter(p -> p.startsWith("dev.mooring.") && !p.startsWith("dev.mooring.tunnel")
                                && !p.startsWith("dev.mooring.agent"))
                        .map(p -> p.substring("dev.mooring.".length()).split("\\.")[0])
                        .distinct())
                .as("feature packages of the service").allMatch(MAY_USE::containsKey);
    }
}
