package dev.mooring.dataplane;

import dev.mooring.platform.DatabaseListener;
import dev.mooring.platform.NotifiedCache;
import com.nimbusds.jose.util.Base64URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The agent certificates issued, and which are revoked. */
@Repository
class AgentCertificates {

    record Issued(String serial, UUID clusterId, Instant notAfter, Instant revokedAt) {
    }

    private final JdbcTemplate jdbc;
    /** Read on every agent call; a trigger announces every change (V65), so a revocation reaches all replicas. */
    private final NotifiedCache<String, Issued> bySerial;

    AgentCertificates(JdbcTemplate jdbc, DatabaseListener listener) {
        this.jdbc = jdbc;
        this.bySerial = new NotifiedCache<>(listener, "agent_certificates_changed", serial -> serial, 1_000_000,
                this::read);
    }

    /**
     * Records a new certificate and revokes the cluster's earlier ones (re-onboarding replaces the identity); the
     * revoked ones are refused on this replica as soon as the change commits, on the others when it is announced.
     */
    void issued(X509Certificate certificate, UUID clusterId, Instant notBefore, Instant notAfter, Instant now) {
        String serial = certificate.getSerialNumber().toString(16);
        jdbc.queryForList("update agent_certificates set revoked_at = ? where cluster_id = ? and revoked_at is null"
                + " returning serial", String.class, java.sql.Timestamp.from(now), clusterId)
                .forEach(bySerial::invalidateAfterCommit);
        byte[] der = encoded(certificate);
        jdbc.update("insert into agent_certificates (serial, cluster_id, not_before, not_after, issued_at, thumbprint,"
                + " certificate) values (?, ?, ?, ?, ?, ?, ?)", serial, clusterId, java.sql.Timestamp.from(notBefore),
                java.sql.Timestamp.from(notAfter), java.sql.Timestamp.from(now), thumbprint(der), der);
    }

    /** The certificate (DER) with this x5t#S256 thumbprint, if Mooring issued and kept it. */
    Optional<byte[]> byThumbprint(String thumbprint) {
        return jdbc.query("select certificate from agent_certificates where thumbprint = ?",
                (rs, i) -> rs.getBytes(1), thumbprint).stream().findFirst();
    }

    /** Keeps a certificate issued before certificates were kept, so that its agent may name it by thumbprint. */
    void keep(X509Certificate certificate) {
        byte[] der = encoded(certificate);
        jdbc.update("update agent_certificates set thumbprint = ?, certificate = ? where serial = ? and thumbprint is null",
                thumbprint(der), der, certificate.getSerialNumber().toString(16));
    }

    /** RFC 7515's x5t#S256: base64url of the SHA-256 of the DER certificate. */
    static String thumbprint(byte[] der) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(der)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("An issued certificate does not encode", e);
        }
    }

    /** The certificate, from memory but on a replica's first ask in a while. */
    Optional<Issued> find(String serial) {
        return Optional.ofNullable(bySerial.get(serial));
    }

    private Issued read(String serial) {
        return jdbc.query("select serial, cluster_id, not_after, revoked_at from agent_certificates where serial = ?",
                (rs, i) -> new Issued(rs.getString(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()), serial).stream().findFirst().orElse(null);
    }

    /** Those of {@code serials} that no longer stand: revoked, expired, or gone with their cluster. */
    Set<String> noLongerValid(Collection<String> serials, Instant now) {
        if (serials.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.queryForList("select s from unnest(?::text[]) as s where not exists (select 1 from"
                        + " agent_certificates c where c.serial = s and c.revoked_at is null and c.not_after > ?)",
                String.class, serials.toArray(String[]::new), java.sql.Timestamp.from(now)));
    }

    /** Marks an onboarding token's jti used; false when it was used before (a replay). */
    boolean firstUseOf(String jti, Instant expiresAt, Instant now) {
        jdbc.update("delete from agent_onboarding_tokens where expires_at < ?", java.sql.Timestamp.from(now));
        return jdbc.update("insert into agent_onboarding_tokens (jti, expires_at) values (?, ?) on conflict do nothing",
                jti, java.sql.Timestamp.from(expiresAt)) == 1;
    }
}
