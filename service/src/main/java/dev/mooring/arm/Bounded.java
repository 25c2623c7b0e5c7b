package dev.mooring.arm;

/** Caller-supplied text quoted back in an error message is cut short, so a message cannot be used to echo payloads. */
public final class Bounded {

    private static final int MAX_QUOTED_LENGTH = 100;

    private Bounded() {
    }

    public static String text(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= MAX_QUOTED_LENGTH ? value : value.substring(0, MAX_QUOTED_LENGTH) + "...";
    }
}
