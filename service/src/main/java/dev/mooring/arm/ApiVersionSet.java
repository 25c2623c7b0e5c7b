package dev.mooring.arm;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;

/**
 * The api-versions one ARM resource type serves. A request without {@code api-version} gets
 * {@code MissingApiVersionParameter}; an unknown one gets {@code InvalidApiVersionParameter} listing the
 * supported versions, newest first, as ARM does.
 */
public record ApiVersionSet(String resourceType, List<String> versions) {

    public ApiVersionSet {
        versions = versions.stream().sorted((a, b) -> b.compareTo(a)).toList();
    }

    public static ApiVersionSet of(String resourceType, String... versions) {
        return new ApiVersionSet(resourceType, Stream.of(versions).toList());
    }

    /** Returns the requested version when this type serves it; otherwise throws the ARM error. */
    public String require(String apiVersion) {
        if (apiVersion == null || apiVersion.isBlank()) {
            throw new ArmException(HttpStatus.BAD_REQUEST, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        if (!versions.contains(apiVersion)) {
            throw new ArmException(HttpStatus.BAD_REQUEST, "InvalidApiVersionParameter",
                    "The api-version '" + Bounded.text(apiVersion) + "' is invalid. The supported versions for '"
                            + resourceType + "' are '" + String.join(",", versions) + "'.");
        }
        return apiVersion;
    }
}
