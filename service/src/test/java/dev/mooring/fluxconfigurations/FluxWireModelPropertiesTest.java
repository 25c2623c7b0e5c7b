package dev.mooring.fluxconfigurations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.arm.SystemData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Randomised round trips through both api-versions' wire models of a flux configuration: what a version shows reads
 * back (through the same validation a PUT gets) as the same spec, and never shows a secret. 2023-05-01 is given
 * only what it can name (no OCI source, Git provider or reconciliation wait).
 */
class FluxWireModelPropertiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SystemData.Actor ACTOR = new SystemData.Actor("user@test", "User");

    private static Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(12);
    }

    private static Arbitrary<Integer> seconds() {
        return Arbitraries.integers().between(1, 86_400);
    }

    private static Arbitrary<FluxSpec.GitRepository> git(boolean latest) {
        return Combinators.combine(Arbitraries.of("https://github.com/contoso/fleet", "ssh://git@github.com/contoso/fleet",
                        "git@github.com:contoso/fleet.git"), seconds(), seconds(),
                Arbitraries.of(new FluxSpec.RepositoryRef("main", null, null, null),
                        new FluxSpec.RepositoryRef(null, "v1.0.0", null, null),
                        new FluxSpec.RepositoryRef(null, null, ">=1.0.0", null),
                        new FluxSpec.RepositoryRef("main", null, null, "0ba6f0d30760d567de0bac86c8c4eec13ce1a590")),
                names().injectNull(0.5), Arbitraries.of("a25vd24taG9zdHM=").injectNull(0.5),
                latest ? Arbitraries.of("Azure", "GitHub", "Generic").injectNull(0.5) : Arbitraries.just((String) null))
                .as((url, timeout, interval, ref, user, hosts, provider) -> new FluxSpec.GitRepository(url, timeout,
                        interval, ref, hosts, user, null, null, provider));
    }

    private static Arbitrary<FluxSpec.Kustomization> kustomization(String name, List<String> earlier) {
        return Combinators.combine(Arbitraries.of("", "./apps", "./infra/base"), seconds(), seconds(),
                        seconds().injectNull(0.5), Arbitraries.of(true, false), Arbitraries.of(true, false),
                        Arbitraries.of(true, false), earlier.isEmpty() ? Arbitraries.just(List.<String>of())
                                : Arbitraries.of(earlier).list().uniqueElements().ofMaxSize(earlier.size()))
                .as((path, timeout, interval, retry, prune, force, wait, dependsOn) -> new FluxSpec.Kustomization(name,
                        path, dependsOn, timeout, interval, retry, prune, force, wait,
                        prune ? new FluxSpec.PostBuild(Map.of("env", "prod"),
                                List.of(new FluxSpec.SubstituteFrom("ConfigMap", "vars", force))) : null));
    }

    private static Arbitrary<Map<String, FluxSpec.Kustomization>> kustomizations() {
        return names().list().uniqueElements().ofMinSize(1).ofMaxSize(4).flatMap(keys -> {
            List<Arbitrary<FluxSpec.Kustomization>> each = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                each.add(kustomization(keys.get(i), keys.subList(0, i)));
            }
            return Combinators.combine(each).as(list -> {
                Map<String, FluxSpec.Kustomization> map = new LinkedHashMap<>();
                list.forEach(k -> map.put(k.name(), k));
                return map;
            });
        });
    }

    @Provide
    Arbitrary<FluxSpec> specs2023() {
        return specs(false);
    }

    @Provide
    Arbitrary<FluxSpec> specs2025() {
        return specs(true);
    }

    private static Arbitrary<FluxSpec> specs(boolean latest) {
        Arbitrary<FluxSpec> base = Combinators.combine(Arbitraries.of("cluster", "namespace"), names(),
                        Arbitraries.of(true, false), kustomizations(), git(latest))
                .as((scope, namespace, suspend, kustomizations, git) -> new FluxSpec(scope, namespace,
                        FluxSpec.GIT_REPOSITORY, suspend, git, null, null, null, kustomizations, null, null));
        Arbitrary<FluxSpec> bucket = base.map(s -> new FluxSpec(s.scope(), s.namespace(), FluxSpec.BUCKET, s.suspend(),
                null, new FluxSpec.Bucket("https://minio.example", "fleet", false, 60, 120, "minio", null), null, null,
                s.kustomizations(), null, null));
        Arbitrary<FluxSpec> blob = base.map(s -> new FluxSpec(s.scope(), s.namespace(), FluxSpec.AZURE_BLOB, s.suspend(),
                null, null, new FluxSpec.AzureBlob("https://acct.blob.core.windows.net", "fleet", 60, 120,
                        new FluxSpec.ServicePrincipal("app", "tenant", true), null, null), null,
                s.kustomizations(), null, null));
        if (!latest) {
            return Arbitraries.oneOf(base, bucket, blob);
        }
        Arbitrary<FluxSpec> oci = base.map(s -> new FluxSpec(s.scope(), s.namespace(), FluxSpec.OCI_REPOSITORY,
                s.suspend(), null, null, null, new FluxSpec.OciRepository("oci://ghcr.io/contoso/fleet", 60, 120,
                        new FluxSpec.OciRef("v1", null, null), new FluxSpec.LayerSelector("application/x-tar", "copy"),
                        new FluxSpec.Verify("cosign", Map.of("key", "cHVi"), null), false, true, "flux", null),
                s.kustomizations(), true, "PT5M"));
        return Arbitraries.oneOf(base, bucket, blob, oci);
    }

    @Property(tries = 200)
    void version2023ShowsWhatReadsBackAsTheSameSpec(@ForAll("specs2023") FluxSpec original) {
        roundTrip(new Flux2023Model(), original);
    }

    @Property(tries = 200)
    void version2025ShowsWhatReadsBackAsTheSameSpec(@ForAll("specs2025") FluxSpec original) {
        roundTrip(new Flux2025Model(), original);
    }

    private static void roundTrip(FluxWireModel model, FluxSpec original) {
        FluxConfiguration stored = FluxConfiguration.create(UUID.randomUUID(), UUID.randomUUID(), "fleet", original, ACTOR,
                Instant.now());
        JsonNode shown = JSON.readTree(JSON.writeValueAsString(model.view(stored, "/subscriptions/s/x/fleet")));
        assertThat(shown.get("properties").has("configurationProtectedSettings")).isFalse();
        FluxRequest read = model.readPut(shown, true);
        assertThat(read.secrets()).isNull();
        assertThat(read.spec()).usingRecursiveComparison().isEqualTo(original);
    }
}
