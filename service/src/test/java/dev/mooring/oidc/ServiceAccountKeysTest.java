package dev.mooring.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.mooring.arm.errors.ArmException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an agent may upload as its cluster's service-account keys: public JWKs with their own key ids. */
class ServiceAccountKeysTest {

    private static RSAKey key(String kid) throws Exception {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    @Test
    void publicKeysWithKeyIdsAreAccepted() throws Exception {
        JWKSet set = ServiceAccountKeys.parse(new JWKSet(List.of(key("a").toPublicJWK(), key("b").toPublicJWK())).toString());
        assertThat(set.getKeys()).extracting(JWK::getKeyID).containsExactly("a", "b");
    }

    @Test
    void privateKeysMissingOrRepeatedKeyIdsAndOversizedSetsAreRefused() throws Exception {
        assertThatThrownBy(() -> ServiceAccountKeys.parse(new JWKSet(key("a")).toString(false)))
                .isInstanceOf(ArmException.class).hasMessageContaining("public keys");
        assertThatThrownBy(() -> ServiceAccountKeys.parse(new JWKSet(new RSAKeyGenerator(2048).generate().toPublicJWK())
                .toString())).isInstanceOf(ArmException.class).hasMessageContaining("key id");
        assertThatThrownBy(() -> ServiceAccountKeys.parse(new JWKSet(List.of(key("a").toPublicJWK(),
                key("a").toPublicJWK())).toString())).isInstanceOf(ArmException.class);
        List<JWK> many = new ArrayList<>();
        for (int i = 0; i <= ServiceAccountKeys.MAX_KEYS; i++) {
            many.add(key("k" + i).toPublicJWK());
        }
        assertThatThrownBy(() -> ServiceAccountKeys.parse(new JWKSet(many).toString())).isInstanceOf(ArmException.class);
        assertThatThrownBy(() -> ServiceAccountKeys.parse("not json")).isInstanceOf(ArmException.class);
        assertThatThrownBy(() -> ServiceAccountKeys.parse("{\"keys\":[]}")).isInstanceOf(ArmException.class);
    }
}
