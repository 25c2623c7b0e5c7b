package dev.mooring.arm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wire models of one resource type, one per api-version (several versions may share a model when their
 * schemas are identical): the registry every resource provider's controllers ask for the model of the
 * api-version the pipeline accepted.
 *
 * @param <M> the resource type's wire-model interface
 */
public final class WireModels<M extends WireModels.Versioned> {

    /** A wire model names the api-versions it serves. */
    public interface Versioned {
        List<String> apiVersions();
    }

    private final Map<String, M> byVersion = new LinkedHashMap<>();
    private final List<M> models;

    @SafeVarargs
    public WireModels(M... models) {
        this.models = List.of(models);
        for (M model : models) {
            for (String version : model.apiVersions()) {
                if (byVersion.put(version, model) != null) {
                    throw new IllegalArgumentException("Two wire models serve api-version " + version);
                }
            }
        }
    }

    /** The model serving {@code apiVersion}, which the pipeline has already accepted. */
    public M of(String apiVersion) {
        M model = byVersion.get(apiVersion);
        if (model == null) {
            throw new IllegalStateException("No wire model for served api-version " + apiVersion);
        }
        return model;
    }

    public List<M> all() {
        return models;
    }

    /** Every api-version some model serves, in the models' order. */
    public Set<String> versions() {
        return byVersion.keySet();
    }
}
