package dev.mooring.secrets;

/**
 * A secret sealed at rest: the id of the key-encryption key and {@code nonce || AES-GCM ciphertext+tag}.
 * Its {@link #toString()} never shows the bytes.
 */
public record Sealed(String keyId, byte[] ciphertext) {

    @Override
    public String toString() {
        return "Sealed[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}
