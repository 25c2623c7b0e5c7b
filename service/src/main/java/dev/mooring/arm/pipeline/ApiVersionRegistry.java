package dev.mooring.arm.pipeline;

import dev.mooring.arm.ApiVersionSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The api-versions each resource type serves. Features contribute {@link ApiVersionSet} beans. */
@Component
public class ApiVersionRegistry {

    /**
     * Pseudo resource type for endpoints that serve every resource type (operation status URLs, which
     * callers follow with the api-version of the request that started the operation).
     */
    public static final String ANY_SERVED = "*";

    private final Map<String, ApiVersionSet> byType;

    ApiVersionRegistry(List<ApiVersionSet> sets) {
        Map<String, ApiVersionSet> types = new java.util.HashMap<>(sets.stream().collect(Collectors.toMap(
                set -> set.resourceType().toLowerCase(Locale.ROOT), Function.identity())));
        types.put(ANY_SERVED, new ApiVersionSet("any served resource type",
                sets.stream().flatMap(set -> set.versions().stream()).distinct().toList()));
        this.byType = Map.copyOf(types);
    }

    public ApiVersionSet forType(String resourceType) {
        ApiVersionSet set = byType.get(resourceType.toLowerCase(Locale.ROOT));
        if (set == null) {
            throw new IllegalStateException("No api-versions are registered for resource type " + resourceType);
        }
        return set;
    }

    public boolean knows(String resourceType) {
        return byType.containsKey(resourceType.toLowerCase(Locale.ROOT));
    }
}
