package dev.mooring.inventory;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.Bounded;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Version filters over the numeric keys the database derives ({@code mooring_version_key}: major × 10⁶ +
 * minor × 10³ + patch, from {@code v1.28.3+k3s1} and the like). An expression is one or more conditions, all of
 * which must hold: {@code 1.28.3} (that version), {@code 1.28} (any 1.28.x), {@code <1.28}, {@code <=1.28}
 * (up to the last 1.28.x), {@code >1.28} (1.29 and later), {@code >=1.26 <1.28}. A version that cannot be
 * read matches no range.
 */
final class Versions {

    /** [lower, upper) over version keys; both ends are always at least zero. */
    record Range(long lower, long upper) {

        boolean isEmpty() {
            return lower >= upper;
        }
    }

    private static final long MAJOR = 1_000_000L;
    private static final long MINOR = 1_000L;
    private static final long UNBOUNDED = Long.MAX_VALUE;
    private static final Pattern CONDITION = Pattern.compile(
            "(<=|>=|<|>|=)?\\s*[vV]?([0-9]{1,9})(?:\\.([0-9]{1,3})(?:\\.([0-9]{1,3}))?)?");

    private Versions() {
    }

    /** The key the database computes for a version, or -1 when it cannot be read. */
    static long key(String version) {
        if (version == null) {
            return -1;
        }
        Matcher m = Pattern.compile("^[vV]?([0-9]{1,9})\\.([0-9]{1,3})(?:\\.([0-9]{1,3}))?").matcher(version);
        if (!m.find()) {
            return -1;
        }
        return Long.parseLong(m.group(1)) * MAJOR + Long.parseLong(m.group(2)) * MINOR
                + (m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
    }

    static Range parse(String parameter, String expression) {
        long lower = 0;
        long upper = UNBOUNDED;
        String[] conditions = expression.strip().replace(",", " ").replaceAll("(<=|>=|<|>|=)\\s+", "$1").split("\\s+");
        for (String condition : conditions) {
            Matcher m = CONDITION.matcher(condition);
            if (condition.isEmpty() || !m.matches()) {
                throw ArmException.badRequest("InvalidParameter", "The value '" + Bounded.text(expression)
                        + "' of '" + parameter + "' is not a version or version range, such as 1.28.3, 1.28, <1.28 or"
                        + " '>=1.26 <1.28'.", parameter);
            }
            long major = Long.parseLong(m.group(2));
            long start;
            long end;
            if (m.group(3) == null) {
                start = major * MAJOR;
                end = (major + 1) * MAJOR;
            } else if (m.group(4) == null) {
                start = major * MAJOR + Long.parseLong(m.group(3)) * MINOR;
                end = start + MINOR;
            } else {
                start = major * MAJOR + Long.parseLong(m.group(3)) * MINOR + Long.parseLong(m.group(4));
                end = start + 1;
            }
            String op = m.group(1) == null ? "=" : m.group(1);
            switch (op) {
                case "<" -> upper = Math.min(upper, start);
                case "<=" -> upper = Math.min(upper, end);
                case ">" -> lower = Math.max(lower, end);
                case ">=" -> lower = Math.max(lower, start);
                default -> {
                    lower = Math.max(lower, start);
                    upper = Math.min(upper, end);
                }
            }
        }
        return new Range(lower, upper);
    }

    /**
     * Versions older than the supported window of the newest three minor versions (Arc's N-2 policy): with
     * 1.14.x the newest, 1.12.0 and later are supported. The window does not reach back into an earlier major.
     */
    static Range outdated(String newest) {
        long key = key(newest);
        if (key < 0) {
            return new Range(0, 0);
        }
        long major = key / MAJOR;
        long minor = (key % MAJOR) / MINOR;
        return new Range(0, major * MAJOR + Math.max(0, minor - 2) * MINOR);
    }
}
