package dev.mooring.arm;

import dev.mooring.arm.errors.ArmException;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;

/**
 * The api-versions one ARM resource type serves. A request without {@code api-version} gets
 * {@code MissingApiVersionParameter}. An unknown one gets ARM's answer listing the supported versions,
 * newest first: {@code InvalidApiVersionParameter}, or {@code NoRegisteredProviderFound} for the resource
 * types of Mooring's own providers, which is what ARM answers for a provider's resource type.
 *
 * @param servedByProvider whether ARM would route this type to a resource provider
 */
public record ApiVersionSet(String resourceType, List<String> versions, boolean servedByProvider) {

    public ApiVersionSet {
        versions = versions.stream().sorted((a, b) -> b.compareTo(a)).toList();
    }

    public ApiVersionSet(String resourceType, List<String> versions) {
        this(resourceType, versions, false);
    }

    public static ApiVersionSet of(String resourceType, String... versions) {
        return new ApiVersionSet(resourceType, Stream.of(versions).toList(), false);
    }

    /** The same set, answered as a resource provider's type. */
    public ApiVersionSet providerType() {
        return new ApiVersionSet(resourceType, versions, true);
    }

    /** Returns the requested version when this type serves it; otherwise throws the ARM error. */
    public String require(String apiVersion) {
        if (apiVersion == null || apiVersion.isBlank()) {
            throw new ArmException(HttpStatus.BAD_REQUEST, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        if (versions.contains(apiVersion)) {
            return apiVersion;
        }
        if (servedByProvider) {
            throw new ArmException(HttpStatus.BAD_REQUEST, "NoRegisteredProviderFound",
                    "No registered resource provider found for API version '" + Bounded.text(apiVersion)
                            + "' and type '" + resourceType.substring(resourceType.indexOf('/') + 1)
                            + "'. The supported api-versions are '" + String.join(", ", versions) + "'.");
        }
        throw new ArmException(HttpStatus.BAD_REQUEST, "InvalidApiVersionParameter",
                "The api-version '" + Bounded.text(apiVersion) + "' is invalid. The supported versions for '"
                        + resourceType + "' are '" + String.join(",", versions) + "'.");
    }
}
