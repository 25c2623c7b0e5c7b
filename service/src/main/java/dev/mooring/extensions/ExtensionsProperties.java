package dev.mooring.extensions;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cluster extensions ({@code mooring.extensions.*}); the catalogue ships in {@code extension-catalogue.yml}.
 *
 * @param deletionGracePeriod        how long a deleted extension waits for its agent's removal report before the
 *                                   delete fails (pointing at {@code forceDelete})
 * @param operationTimeout           how long a create or update waits for the agent's installation report
 * @param protectedSettingsRetention how long protected settings stay stored after the agent fetched them
 * @param autoUpgradeInterval        how often extensions with auto-upgrade on are checked against the catalogue
 * @param catalogue                  the extension types clusters may install
 */
@ConfigurationProperties("mooring.extensions")
@Validated
record ExtensionsProperties(
        @DefaultValue("10m") @NotNull Duration deletionGracePeriod,
        @DefaultValue("10m") @NotNull Duration operationTimeout,
        @DefaultValue("48h") @NotNull Duration protectedSettingsRetention,
        @DefaultValue("10m") @NotNull Duration autoUpgradeInterval,
        @DefaultValue List<@Valid ExtensionType> catalogue) {

    /**
     * One extension type: its Helm chart ({@code chartRepository} an https:// Helm repository or an oci:// registry
     * path, and {@code chartName}), the scopes it may be installed at, its default name and namespace (used when
     * another feature installs it, and as the release namespace when a request names none), and its release
     * trains, each a list of versions (the extension version is the chart version).
     */
    record ExtensionType(@NotBlank String type, @NotBlank String chartRepository, @NotBlank String chartName,
            @NotEmpty List<String> scopes, @NotBlank String defaultName, @NotBlank String defaultNamespace,
            @NotEmpty Map<String, List<String>> releaseTrains) {
    }
}
