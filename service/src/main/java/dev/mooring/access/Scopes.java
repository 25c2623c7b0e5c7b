package dev.mooring.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** ARM scope paths: where a scope ends inside a request path, and the scopes above one. */
final class Scopes {

    private Scopes() {
    }

    /** The scope a request path addresses, given the path segment that starts the addressed collection. */
    static String before(String path, String suffix) {
        int at = path.toLowerCase(Locale.ROOT).lastIndexOf(suffix.toLowerCase(Locale.ROOT));
        return at <= 0 ? "/" : path.substring(0, at);
    }

    /**
     * The lower-cased scope and every scope above it: the subscription, its resource group, the resource,
     * the extension resource ({@code /subscriptions/s}, {@code .../resourcegroups/rg},
     * {@code .../providers/ns/type/name}, ...), and the root {@code /}.
     */
    static List<String> selfAndAncestors(String scope) {
        String key = scope.toLowerCase(Locale.ROOT);
        String[] segments = key.substring(1).split("/");
        List<String> scopes = new ArrayList<>();
        scopes.add("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            prefix.append('/').append(segments[i]);
            int count = i + 1;
            if (count == 2 || count == 4 || (count > 4 && (count - 4) % 4 == 0) || count == segments.length) {
                scopes.add(prefix.toString());
            }
        }
        return scopes;
    }

    /** The subscription id at the start of a scope ({@code /subscriptions/{id}/...}), or null. */
    static String subscriptionOf(String scope) {
        String[] segments = scope.split("/");
        return segments.length >= 3 && segments[1].equalsIgnoreCase("subscriptions") ? segments[2] : null;
    }
}
