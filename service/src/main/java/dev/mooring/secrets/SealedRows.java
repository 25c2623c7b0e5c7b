package dev.mooring.secrets;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A feature's rows that each hold one sealed secret bound to the row: re-sealing the ones under an older key
 * is the same for all of them, given how to find, read and replace a row's ciphertext.
 *
 * <p>Each row is re-sealed in a transaction of its own, because re-encryption runs while the service serves: a
 * row changed meanwhile (its version moved) is read again and re-sealed if it still needs it, and a row deleted
 * meanwhile needs nothing, instead of one concurrent change undoing the whole run.
 *
 * @param <T> the feature's row
 */
public abstract class SealedRows<T> implements SealedSecrets {

    private static final int ATTEMPTS = 5;

    private TransactionTemplate transactions;

    @Autowired
    void setTransactionManager(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** The rows whose secret is sealed under another key than {@code activeKeyId}. */
    protected abstract List<T> sealedUnderOtherKeys(String activeKeyId);

    /** The row as stored now, if it still is. */
    protected abstract Optional<T> reload(T row);

    protected abstract Sealed sealed(T row);

    /** What the row's secret is bound to (the associated data it was sealed with). */
    protected abstract String sealedFor(T row);

    protected abstract void reseal(T row, Sealed sealed);

    @Override
    public int reencrypt(SecretBox box) {
        int count = 0;
        for (T row : sealedUnderOtherKeys(box.activeKeyId())) {
            count += resealChangedOrNot(row, box);
        }
        return count;
    }

    private int resealChangedOrNot(T row, SecretBox box) {
        for (int attempt = 1; ; attempt++) {
            try {
                Integer resealed = transactions.execute(status -> reload(row)
                        .filter(current -> sealed(current) != null && !box.activeKeyId().equals(sealed(current).keyId()))
                        .map(current -> {
                            byte[] plain = box.open(sealed(current), sealedFor(current));
                            reseal(current, box.seal(plain, sealedFor(current)));
                            Arrays.fill(plain, (byte) 0);
                            return 1;
                        })
                        .orElse(0));
                return resealed == null ? 0 : resealed;
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                if (attempt == ATTEMPTS) {
                    throw changedMeanwhile;
                }
            }
        }
    }
}
