package dev.mooring.configurations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.arm.SystemData;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Randomised round trips through every api-version's wire model of a source control configuration: what a
 * version shows reads back (through the same validation a PUT gets) as the same spec, without the protected
 * settings, which no version ever shows. (sourceControlConfigurations have no PATCH in any version.)
 */
class ConfigurationWireModelPropertiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SystemData.Actor ACTOR = new SystemData.Actor("user@test", "User");

    @Provide
    Arbitrary<ConfigurationWireModel> models() {
        return Arbitraries.of(ConfigurationApiVersions.MODELS.all());
    }

    private static Arbitrary<String> labels() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(20);
    }

    private static Arbitrary<String> base64() {
        return Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(40)
                .map(text -> Base64.getEncoder().encodeToString(text.getBytes()));
    }

    @Provide
    Arbitrary<ConfigurationSpec> specs() {
        return Builders.withBuilder(() -> new Object[11])
                .use(Arbitraries.of("https://github.com/contoso/config", "http://git.example/repo",
                        "ssh://git@github.com/contoso/config", "git@github.com:contoso/config.git"))
                .in((a, v) -> set(a, 0, v))
                .use(labels()).in((a, v) -> set(a, 1, v))
                .use(labels()).in((a, v) -> set(a, 2, v))
                .use(Arbitraries.of("cluster", "namespace")).in((a, v) -> set(a, 4, v))
                .use(Arbitraries.strings().alpha().withChars(" -=").ofMaxLength(60).injectNull(0.3)).in((a, v) -> set(a, 5, v))
                .use(base64().injectNull(0.5)).in((a, v) -> set(a, 6, v))
                .use(Arbitraries.of(true, false).injectNull(0.3)).in((a, v) -> set(a, 7, v))
                .use(Arbitraries.of("1.2.3", "0.6.0").injectNull(0.5)).in((a, v) -> set(a, 8, v))
                .use(Arbitraries.strings().alpha().withChars(": \n").ofMaxLength(80).injectNull(0.5)).in((a, v) -> set(a, 9, v))
                .build(a -> new ConfigurationSpec((String) a[0], (String) a[1], (String) a[2], "Flux", (String) a[4],
                        (String) a[5], (String) a[6], (Boolean) a[7], (String) a[8], (String) a[9], null));
    }

    @Property(tries = 300)
    void whatAVersionShowsReadsBackAsTheSameSpec(@ForAll("models") ConfigurationWireModel model,
            @ForAll("specs") ConfigurationSpec original) {
        SourceControlConfiguration stored = SourceControlConfiguration.create(UUID.randomUUID(), UUID.randomUUID(),
                "config", original, ACTOR, Instant.now());
        JsonNode shown = JSON.readTree(JSON.writeValueAsString(model.view(stored, "/subscriptions/s/x/config")));

        assertThat(shown.get("properties").has("configurationProtectedSettings")).isFalse();
        assertThat(model.readPut(shown, "config")).usingRecursiveComparison().isEqualTo(original);
    }

    private static Object[] set(Object[] values, int index, Object value) {
        values[index] = value;
        return values;
    }
}
