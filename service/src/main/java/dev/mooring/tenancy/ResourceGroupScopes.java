package dev.mooring.tenancy;

import dev.mooring.arm.Guids;
import dev.mooring.arm.ScopeResolver;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Answers whether a resource-group scope ({@code /subscriptions/{s}/resourceGroups/{rg}}) exists. */
@Component
class ResourceGroupScopes implements ScopeResolver {

    private final ResourceGroups groups;

    ResourceGroupScopes(ResourceGroups groups) {
        this.groups = groups;
    }

    @Override
    public Optional<Boolean> exists(String scope) {
        String[] segments = scope.split("/");
        if (segments.length != 5 || !segments[1].equalsIgnoreCase("subscriptions")
                || !segments[3].equalsIgnoreCase("resourceGroups")) {
            return Optional.empty();
        }
        UUID subscription = Guids.parse(segments[2]);
        return Optional.of(subscription != null && groups.exists(subscription, segments[4]));
    }
}
