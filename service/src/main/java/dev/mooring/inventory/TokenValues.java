package dev.mooring.inventory;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a value read back from a skip token against the SQL type it will be cast to, so that a crafted token is
 * refused as such instead of failing the cast in PostgreSQL.
 */
final class TokenValues {

    /** PostgreSQL's text form of a timestamptz (ISO DateStyle): {@code 2026-11-20 10:00:00.123456+00}. */
    private static final Pattern TIMESTAMPTZ = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?)([+-]\\d{2})(?::(\\d{2}))?$");

    private TokenValues() {
    }

    static boolean fits(String sqlType, String text) {
        return switch (sqlType) {
            case "bigint" -> isBigint(text);
            case "timestamptz" -> isTimestamptz(text);
            default -> true;
        };
    }

    static boolean isTimestamptz(String text) {
        if (text.equals("-infinity") || text.equals("infinity")) {
            return true;
        }
        Matcher m = TIMESTAMPTZ.matcher(text);
        if (!m.matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(m.group(1) + "T" + m.group(2) + m.group(3) + ":" + (m.group(4) == null ? "00" : m.group(4)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isBigint(String text) {
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
