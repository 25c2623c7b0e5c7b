package dev.mooring.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.testing.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/** Re-encryption while the service serves: rows change and go away between the listing and their re-sealing. */
class SealedRowsTest {

    private static final Map<String, String> BOTH_KEYS = Map.of(TestSecrets.ACTIVE, TestSecrets.KEY_1, "test-2", TestSecrets.KEY_2);
    private final SecretBox oldKey = new SecretBox(new SecretsProperties(TestSecrets.ACTIVE, BOTH_KEYS));
    private final SecretBox newKey = new SecretBox(new SecretsProperties("test-2", BOTH_KEYS));

    @Test
    void aRowChangedMeanwhileIsReadAgainAndResealedAndARowDeletedMeanwhileIsLeft() {
        Rows rows = new Rows();
        rows.put("changed", oldKey);
        rows.put("deleted", oldKey);
        rows.put("plain", oldKey);
        List<String> listed = rows.sealedUnderOtherKeys("test-2");
        rows.stored.remove("deleted");            // deleted after the listing
        rows.changeAtFirstReseal.add("changed");  // another writer's update lands first: a stale version

        assertThat(rows.reencryptListed(listed, newKey)).isEqualTo(2);
        assertThat(rows.stored.get("changed").keyId()).isEqualTo("test-2");
        assertThat(rows.stored.get("plain").keyId()).isEqualTo("test-2");
        assertThat(rows.stored).doesNotContainKey("deleted");
        assertThat(new String(newKey.open(rows.stored.get("changed"), "changed"), StandardCharsets.UTF_8))
                .isEqualTo("secret of changed");
    }

    @Test
    void aRowAlreadyUnderTheActiveKeyWhenReadAgainIsLeftAlone() {
        Rows rows = new Rows();
        rows.put("resealed-elsewhere", oldKey);
        List<String> listed = rows.sealedUnderOtherKeys("test-2");
        rows.put("resealed-elsewhere", newKey); // another writer stored a new secret meanwhile

        assertThat(rows.reencryptListed(listed, newKey)).isZero();
        assertThat(rows.resealed).isEmpty();
    }

    /** Rows in memory, each a secret sealed for its own name; the "transactions" do nothing. */
    private static final class Rows extends SealedRows<String> {

        final Map<String, Sealed> stored = new LinkedHashMap<>();
        final Set<String> changeAtFirstReseal = new HashSet<>();
        final List<String> resealed = new ArrayList<>();
        private List<String> listing = List.of();

        Rows() {
            setTransactionManager(new AbstractPlatformTransactionManager() {
                @Override
                protected Object doGetTransaction() {
                    return new Object();
                }

                @Override
                protected void doBegin(Object transaction, TransactionDefinition definition) {
                }

                @Override
                protected void doCommit(DefaultTransactionStatus status) {
                }

                @Override
                protected void doRollback(DefaultTransactionStatus status) {
                }
            });
        }

        void put(String name, SecretBox box) {
            stored.put(name, box.seal(("secret of " + name).getBytes(StandardCharsets.UTF_8), name));
        }

        int reencryptListed(List<String> names, SecretBox box) {
            listing = names;
            return reencrypt(box);
        }

        @Override
        protected List<String> sealedUnderOtherKeys(String activeKeyId) {
            return listing.isEmpty()
                    ? stored.entrySet().stream().filter(e -> !e.getValue().keyId().equals(activeKeyId)).map(Map.Entry::getKey).toList()
                    : listing;
        }

        @Override
        protected Optional<String> reload(String row) {
            return stored.containsKey(row) ? Optional.of(row) : Optional.empty();
        }

        @Override
        protected Sealed sealed(String row) {
            return stored.get(row);
        }

        @Override
        protected String sealedFor(String row) {
            return row;
        }

        @Override
        protected void reseal(String row, Sealed sealed) {
            if (changeAtFirstReseal.remove(row)) {
                throw new OptimisticLockingFailureException("Row " + row + " was updated by another transaction");
            }
            stored.put(row, sealed);
            resealed.add(row);
        }

        @Override
        public String kind() {
            return "test rows";
        }
    }
}
