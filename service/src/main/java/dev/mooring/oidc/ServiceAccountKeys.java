package dev.mooring.oidc;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.mooring.arm.errors.ArmException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service-account signing keys of each cluster's OIDC issuer: public JWKs only (a private member is
 * refused), each with a key id, at most {@value #MAX_KEYS}; an upload replaces the cluster's set, so a
 * rotation drops the retired key once the agent no longer sends it.
 */
@Component
public class ServiceAccountKeys {

    public static final int MAX_KEYS = 10;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ServiceAccountKeys(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Checks {@code jwks} (a JWK Set document) and replaces the cluster's keys with it. */
    @Transactional
    public void replace(UUID clusterId, String jwks) {
        JWKSet set = parse(jwks);
        jdbc.update("""
                insert into cluster_service_account_keys (cluster_id, jwks, uploaded_at) values (?, ?::jsonb, ?)
                on conflict (cluster_id) do update set jwks = excluded.jwks, uploaded_at = excluded.uploaded_at""",
                clusterId, set.toString(true), Timestamp.from(clock.instant()));
    }

    /** The cluster's public JWK Set, when its agent uploaded one. */
    @Transactional(readOnly = true)
    Optional<String> of(UUID clusterId) {
        return jdbc.queryForList("select cast(jwks as text) from cluster_service_account_keys where cluster_id = ?",
                String.class, clusterId).stream().findFirst();
    }

    static JWKSet parse(String jwks) {
        JWKSet set;
        try {
            set = JWKSet.parse(jwks == null ? "" : jwks);
        } catch (ParseException | RuntimeException e) {
            throw invalid("The body must be a JWK Set ({\"keys\":[...]}) of public keys.");
        }
        if (set.getKeys().isEmpty() || set.getKeys().size() > MAX_KEYS) {
            throw invalid("A JWK Set of 1 to " + MAX_KEYS + " keys is required.");
        }
        Set<String> ids = new HashSet<>();
        for (JWK key : set.getKeys()) {
            if (key.isPrivate()) {
                throw invalid("Only public keys are accepted: a key of the set has private members. Upload the"
                        + " service-account issuer's public keys only.");
            }
            if (key.getKeyID() == null || key.getKeyID().isBlank() || !ids.add(key.getKeyID())) {
                throw invalid("Every key needs its own key id ('kid'): tokens name the key that signed them.");
            }
        }
        return set;
    }

    private static ArmException invalid(String message) {
        return ArmException.badRequest("InvalidServiceAccountKeys", message, "keys");
    }
}
