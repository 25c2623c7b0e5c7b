package dev.mooring.clusters;

import dev.mooring.arm.ScopeResolver;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Answers whether a connected cluster scope exists (for role assignments at cluster scope). */
@Component
class ClusterScopes implements ScopeResolver {

    private final ConnectedClusterRepository repository;

    ClusterScopes(ConnectedClusterRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<Boolean> exists(String scope) {
        return ClusterIds.parse(scope).map(repository::existsById);
    }
}
