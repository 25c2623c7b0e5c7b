package dev.mooring;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The feature packages' boundaries: no cycles between features, the ARM contract layer depends on no
 * feature, and each feature uses only the features below it (arm ← access ← tenancy ← clusters ←
 * configurations ← agents ← inventory; secrets and platform stand apart; local only seeds). Package-private by default does
 * the rest.
 */
class ModuleBoundariesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mooring");

    @Test
    void featuresHaveNoCycles() {
        slices().matching("dev.mooring.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theArmContractDependsOnNoFeature() {
        noClasses().that().resideInAPackage("dev.mooring.arm..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mooring.access..", "dev.mooring.tenancy..",
                        "dev.mooring.clusters..", "dev.mooring.configurations..", "dev.mooring.secrets..",
                        "dev.mooring.dataplane..", "dev.mooring.local..")
                .check(MAIN);
    }

    @Test
    void featuresUseOnlyTheFeaturesBelowThem() {
        noClasses().that().resideInAPackage("dev.mooring.access..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mooring.tenancy..", "dev.mooring.clusters..",
                        "dev.mooring.configurations..", "dev.mooring.local..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.mooring.tenancy..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mooring.clusters..",
                        "dev.mooring.configurations..", "dev.mooring.local..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.mooring.clusters..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mooring.configurations..", "dev.mooring.dataplane..",
                        "dev.mooring.local..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.mooring.configurations..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mooring.dataplane..", "dev.mooring.local..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.mooring.secrets..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mooring.access..", "dev.mooring.tenancy..",
                        "dev.mooring.clusters..", "dev.mooring.configurations..", "dev.mooring.local..")
                .check(MAIN);
        noClasses().that().resideOutsideOfPackage("dev.mooring.inventory..")
                .should().dependOnClassesThat().resideInAPackage("dev.mooring.inventory..")
                .check(MAIN);
        noClasses().that().resideOutsideOfPackage("dev.mooring.local..")
                .should().dependOnClassesThat().resideInAPackage("dev.mooring.local..")
                .check(MAIN);
        // Cluster connect sits on top: clusters reach it only through ConnectCredentialIssuer, an interface of theirs.
        noClasses().that().resideOutsideOfPackage("dev.mooring.connect..")
                .should().dependOnClassesThat().resideInAPackage("dev.mooring.connect..")
                .check(MAIN);
    }
}
