package dev.mooring.agents;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The agent certificates issued, and which are revoked. Lookups by serial are cached briefly because every
 * agent call makes one: a revocation reaches this replica at once and the others within CACHE_SECONDS.
 */
@Repository
class AgentCertificates {

    static final int CACHE_SECONDS = 10;

    record Issued(String serial, UUID clusterId, Instant notAfter, Instant revokedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Cache<String, Optional<Issued>> bySerial = Caffeine.newBuilder().maximumSize(2_000_000)
            .expireAfterWrite(Duration.ofSeconds(CACHE_SECONDS)).build();

    AgentCertificates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new certificate and revokes the cluster's earlier ones (re-onboarding replaces the identity). */
    void issued(String serial, UUID clusterId, Instant notBefore, Instant notAfter, Instant now) {
        List<String> revoked = jdbc.queryForList(
                "update agent_certificates set revoked_at = ? where cluster_id = ? and revoked_at is null returning serial",
                String.class, java.sql.Timestamp.from(now), clusterId);
        bySerial.invalidateAll(revoked);
        jdbc.update("insert into agent_certificates (serial, cluster_id, not_before, not_after, issued_at) values (?, ?, ?, ?, ?)",
                serial, clusterId, java.sql.Timestamp.from(notBefore), java.sql.Timestamp.from(notAfter),
                java.sql.Timestamp.from(now));
    }

    Optional<Issued> find(String serial) {
        return bySerial.get(serial, this::read);
    }

    private Optional<Issued> read(String serial) {
        return jdbc.query("select serial, cluster_id, not_after, revoked_at from agent_certificates where serial = ?",
                (rs, i) -> new Issued(rs.getString(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()), serial).stream().findFirst();
    }

    /** Marks an onboarding token's jti used; false when it was used before (a replay). */
    boolean firstUseOf(String jti, Instant expiresAt, Instant now) {
        jdbc.update("delete from agent_onboarding_tokens where expires_at < ?", java.sql.Timestamp.from(now));
        return jdbc.update("insert into agent_onboarding_tokens (jti, expires_at) values (?, ?) on conflict do nothing",
                jti, java.sql.Timestamp.from(expiresAt)) == 1;
    }
}
