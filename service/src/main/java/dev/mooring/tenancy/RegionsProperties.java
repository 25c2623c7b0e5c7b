package dev.mooring.tenancy;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Regional rules ({@code mooring.regions.*}).
 *
 * @param served the regions where connectedClusters and sourceControlConfigurations may live; adding a
 *               region is a configuration change (names as in {@code GET /subscriptions/{id}/locations})
 */
@ConfigurationProperties("mooring.regions")
@Validated
public record RegionsProperties(@DefaultValue({"eastus", "westeurope"}) @NotEmpty List<String> served) {
}
