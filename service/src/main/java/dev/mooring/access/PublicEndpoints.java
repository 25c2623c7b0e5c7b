package dev.mooring.access;

import java.util.List;

/**
 * Paths a feature serves without authentication on the API's security chain (ARM's metadata document, say).
 * A feature declares a bean of this type; {@link SecurityConfiguration} permits its patterns and nothing else.
 */
public interface PublicEndpoints {

    /** Ant-style path patterns, answered to anyone. */
    List<String> patterns();
}
