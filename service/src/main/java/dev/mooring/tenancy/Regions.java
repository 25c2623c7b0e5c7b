package dev.mooring.tenancy;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.Bounded;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one place for regional rules: which Azure regions exist (any of them may hold a resource group),
 * and which of them serve Mooring's resource types ({@link RegionsProperties#served()}).
 */
@Component
public class Regions {

    private static final List<Region> AZURE = List.of(
            new Region("eastus", "East US", "US"), new Region("eastus2", "East US 2", "US"),
            new Region("westus", "West US", "US"), new Region("westus2", "West US 2", "US"),
            new Region("westus3", "West US 3", "US"), new Region("centralus", "Central US", "US"),
            new Region("northcentralus", "North Central US", "US"), new Region("southcentralus", "South Central US", "US"),
            new Region("westcentralus", "West Central US", "US"), new Region("canadacentral", "Canada Central", "Canada"),
            new Region("canadaeast", "Canada East", "Canada"), new Region("brazilsouth", "Brazil South", "South America"),
            new Region("mexicocentral", "Mexico Central", "Mexico"), new Region("northeurope", "North Europe", "Europe"),
            new Region("westeurope", "West Europe", "Europe"), new Region("uksouth", "UK South", "UK"),
            new Region("ukwest", "UK West", "UK"), new Region("francecentral", "France Central", "Europe"),
            new Region("francesouth", "France South", "Europe"), new Region("germanywestcentral", "Germany West Central", "Europe"),
            new Region("norwayeast", "Norway East", "Europe"), new Region("swedencentral", "Sweden Central", "Europe"),
            new Region("switzerlandnorth", "Switzerland North", "Europe"), new Region("polandcentral", "Poland Central", "Europe"),
            new Region("italynorth", "Italy North", "Europe"), new Region("spaincentral", "Spain Central", "Europe"),
            new Region("eastasia", "East Asia", "Asia Pacific"), new Region("southeastasia", "Southeast Asia", "Asia Pacific"),
            new Region("japaneast", "Japan East", "Asia Pacific"), new Region("japanwest", "Japan West", "Asia Pacific"),
            new Region("koreacentral", "Korea Central", "Asia Pacific"), new Region("koreasouth", "Korea South", "Asia Pacific"),
            new Region("australiaeast", "Australia East", "Asia Pacific"),
            new Region("australiasoutheast", "Australia Southeast", "Asia Pacific"),
            new Region("australiacentral", "Australia Central", "Asia Pacific"),
            new Region("centralindia", "Central India", "Asia Pacific"), new Region("southindia", "South India", "Asia Pacific"),
            new Region("westindia", "West India", "Asia Pacific"), new Region("uaenorth", "UAE North", "Middle East"),
            new Region("qatarcentral", "Qatar Central", "Middle East"), new Region("israelcentral", "Israel Central", "Middle East"),
            new Region("southafricanorth", "South Africa North", "Africa"));

    private final Map<String, Region> byNormalizedName;
    private final List<Region> served;

    Regions(RegionsProperties properties) {
        this.byNormalizedName = AZURE.stream().flatMap(region -> Stream.of(
                        Map.entry(Region.normalize(region.name()), region),
                        Map.entry(Region.normalize(region.displayName()), region)))
                .distinct()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        this.served = properties.served().stream().map(name -> find(name).orElseThrow(() ->
                new IllegalArgumentException("mooring.regions.served names an unknown region: " + name))).toList();
    }

    public List<Region> all() {
        return AZURE;
    }

    /** The regions where Mooring's own resource types live. */
    public List<Region> served() {
        return served;
    }

    public Optional<Region> find(String location) {
        return Optional.ofNullable(byNormalizedName.get(Region.normalize(location)));
    }

    /** The region a resource of {@code resourceType} may be placed in, or ARM's 400 listing the available ones. */
    public Region requireServed(String location, String resourceType) {
        return find(location).filter(served::contains).orElseThrow(() -> new ArmException(HttpStatus.BAD_REQUEST,
                "LocationNotAvailableForResourceType", "The provided location '" + Bounded.text(location)
                        + "' is not available for resource type '" + resourceType
                        + "'. List of available regions for the resource type is '"
                        + served.stream().map(Region::name).collect(Collectors.joining(",")) + "'.", "location"));
    }

    /** Any Azure region, for resource groups. */
    Region requireKnown(String location) {
        if (location == null || location.isBlank()) {
            throw ArmException.badRequest("LocationRequired",
                    "The location property is required for this definition.", "location");
        }
        return find(location).orElseThrow(() -> new ArmException(HttpStatus.BAD_REQUEST,
                "LocationNotAvailableForResourceGroup", "The provided location '" + Bounded.text(location)
                        + "' is not available for resource group. List of available regions is '"
                        + AZURE.stream().map(Region::name).collect(Collectors.joining(",")) + "'.", "location"));
    }

    static Function<Region, String> displayName() {
        return Region::displayName;
    }
}
