package dev.mooring.secrets;

/** Implemented by each feature that stores sealed secrets, so that they can be moved to the active key. */
public interface SealedSecrets {

    /** What is sealed, for the log. */
    String kind();

    /** Re-seals every secret not under the active key; returns how many. */
    int reencrypt(SecretBox box);
}
