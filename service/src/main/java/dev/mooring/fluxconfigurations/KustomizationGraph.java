package dev.mooring.fluxconfigurations;

import dev.mooring.arm.Bounded;
import dev.mooring.arm.errors.ArmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The kustomizations' {@code dependsOn} graph: every name it mentions must be a kustomization of the same
 * configuration, and it must be acyclic (Flux would wait forever on a cycle). A cycle is refused naming it, found
 * from the names in order so that the same configuration always gets the same message.
 */
final class KustomizationGraph {

    private enum Mark { VISITING, DONE }

    private KustomizationGraph() {
    }

    static void requireAcyclic(Map<String, FluxSpec.Kustomization> kustomizations) {
        kustomizations.forEach((name, k) -> {
            for (String dependency : k.dependsOn()) {
                if (!kustomizations.containsKey(dependency)) {
                    throw ArmException.badRequest("InvalidParameter", "The kustomization '" + name + "' depends on '"
                            + Bounded.text(dependency) + "', which is not a kustomization of this configuration.",
                            "properties.kustomizations." + name + ".dependsOn");
                }
            }
        });
        Map<String, Mark> marks = new HashMap<>();
        for (String name : new TreeSet<>(kustomizations.keySet())) {
            visit(name, kustomizations, marks, new ArrayList<>());
        }
    }

    private static void visit(String name, Map<String, FluxSpec.Kustomization> kustomizations, Map<String, Mark> marks,
            List<String> path) {
        Mark mark = marks.get(name);
        if (mark == Mark.DONE) {
            return;
        }
        path.add(name);
        if (mark == Mark.VISITING) {
            List<String> cycle = path.subList(path.indexOf(name), path.size());
            throw ArmException.badRequest("InvalidParameter", "The kustomizations' dependsOn form a cycle: "
                    + String.join(" -> ", cycle) + ". Flux cannot apply kustomizations that wait on each other.",
                    "properties.kustomizations." + name + ".dependsOn");
        }
        marks.put(name, Mark.VISITING);
        for (String dependency : kustomizations.get(name).dependsOn()) {
            visit(dependency, kustomizations, marks, path);
        }
        marks.put(name, Mark.DONE);
        path.removeLast();
    }
}
