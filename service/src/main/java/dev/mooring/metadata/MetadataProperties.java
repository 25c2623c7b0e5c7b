package dev.mooring.metadata;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What {@code /metadata/endpoints} tells clients ({@code mooring.metadata.*}).
 *
 * @param cloudName     the cloud's name in the document (az cloud register takes its own name; SDKs show this one)
 * @param loginEndpoint the identity provider's authority base that clients sign in with
 * @param publicUrl     Mooring's resource manager URL as clients reach it; empty: the URL the request came in on
 */
@ConfigurationProperties("mooring.metadata")
@Validated
public record MetadataProperties(
        @DefaultValue("Mooring") @NotBlank String cloudName,
        @DefaultValue("https://login.microsoftonline.com/") @NotBlank String loginEndpoint,
        @DefaultValue("") String publicUrl) {
}
