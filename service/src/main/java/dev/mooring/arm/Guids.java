package dev.mooring.arm;

import java.util.UUID;

/** GUIDs as ARM writes them: only the canonical 36-character form counts. */
public final class Guids {

    private Guids() {
    }

    /** The GUID in {@code value}, or null when it is not one (only the canonical 36-character form counts). */
    public static UUID parse(String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
