package dev.mooring.secrets;

import java.util.Arrays;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;

/**
 * A feature's rows that each hold one sealed secret bound to the row: re-sealing the ones under an older key
 * is the same for all of them, given how to find, read and replace a row's ciphertext.
 *
 * @param <T> the feature's row
 */
public abstract class SealedRows<T> implements SealedSecrets {

    /** The rows whose secret is sealed under another key than {@code activeKeyId}. */
    protected abstract List<T> sealedUnderOtherKeys(String activeKeyId);

    protected abstract Sealed sealed(T row);

    /** What the row's secret is bound to (the associated data it was sealed with). */
    protected abstract String sealedFor(T row);

    protected abstract void reseal(T row, Sealed sealed);

    @Override
    @Transactional
    public int reencrypt(SecretBox box) {
        int count = 0;
        for (T row : sealedUnderOtherKeys(box.activeKeyId())) {
            byte[] plain = box.open(sealed(row), sealedFor(row));
            reseal(row, box.seal(plain, sealedFor(row)));
            Arrays.fill(plain, (byte) 0);
            count++;
        }
        return count;
    }
}
