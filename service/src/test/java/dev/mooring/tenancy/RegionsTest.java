package dev.mooring.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mooring.arm.errors.ArmException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionsTest {

    private final Regions regions = new Regions(new RegionsProperties(List.of("eastus", "West Europe")));

    @Test
    void namesNormalise() {
        assertThat(regions.find("East US")).map(Region::name).contains("eastus");
        assertThat(regions.find("EASTUS")).map(Region::name).contains("eastus");
        assertThat(regions.find(" west europe ")).map(Region::name).contains("westeurope");
        assertThat(regions.find("atlantis")).isEmpty();
    }

    @Test
    void onlyServedRegionsHoldMooringsResourceTypes() {
        assertThat(regions.requireServed("West Europe", "Microsoft.Kubernetes/connectedClusters").name())
                .isEqualTo("westeurope");
        assertThatThrownBy(() -> regions.requireServed("westus2", "Microsoft.Kubernetes/connectedClusters"))
                .isInstanceOfSatisfying(ArmException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.error().code()).isEqualTo("LocationNotAvailableForResourceType");
                    assertThat(e.error().message()).isEqualTo("The provided location 'westus2' is not available for"
                            + " resource type 'Microsoft.Kubernetes/connectedClusters'. List of available regions for"
                            + " the resource type is 'eastus,westeurope'.");
                });
    }

    @Test
    void servedRegionsAreConfigurationAndMustExist() {
        Regions three = new Regions(new RegionsProperties(List.of("eastus", "westeurope", "northeurope")));
        assertThat(three.served()).extracting(Region::name).containsExactly("eastus", "westeurope", "northeurope");
        assertThatThrownBy(() -> new Regions(new RegionsProperties(List.of("moon"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
