package dev.mooring.fluxconfigurations;

import java.util.Map;

/**
 * A validated PUT: the spec, and the secrets that came with it (configurationProtectedSettings and the secret
 * fields of the source, keyed as {@code azureBlob.accountKey}); {@code secrets} is null when the request had none.
 */
record FluxRequest(FluxSpec spec, Map<String, String> secrets) {

    /** Never prints a secret. */
    @Override
    public String toString() {
        return "FluxRequest[" + spec + ", secrets=" + (secrets == null ? "none" : secrets.keySet()) + "]";
    }
}
