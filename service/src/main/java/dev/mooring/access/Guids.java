package dev.mooring.access;

import java.util.UUID;

final class Guids {

    private Guids() {
    }

    /** The GUID in {@code value}, or null when it is not one (only the canonical 36-character form counts). */
    static UUID parse(String value) {
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
