package dev.mooring.extensions;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versions as the catalogue lists them ({@code 1.2.3}, {@code v1.16.2}, {@code 2.14.1-rc.1}): compared by their
 * numbers, a pre-release before its release; and which of them an auto-upgrade mode may move to.
 */
final class ExtensionVersions {

    private static final Pattern FORM = Pattern.compile("^v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(-[0-9A-Za-z.-]+)?$");

    /** Numbers first; at equal numbers a release sorts after its pre-releases. */
    static final Comparator<String> ORDER = Comparator
            .comparing((String v) -> part(v, 1)).thenComparing(v -> part(v, 2)).thenComparing(v -> part(v, 3))
            .thenComparing(v -> preRelease(v).isEmpty() ? 1 : 0)
            .thenComparing(v -> preRelease(v).orElse(""));

    private ExtensionVersions() {
    }

    /**
     * Whether auto-upgrade in {@code mode} may move an extension from {@code from} to {@code to}: {@code patch}
     * keeps major and minor, {@code compatible} (the default) keeps the major version; never downwards.
     */
    static boolean mayMove(String from, String to, String mode) {
        if (ORDER.compare(to, from) <= 0) {
            return false;
        }
        boolean sameMajor = part(from, 1) == part(to, 1);
        return "patch".equalsIgnoreCase(mode) ? sameMajor && part(from, 2) == part(to, 2) : sameMajor;
    }

    private static long part(String version, int group) {
        Matcher m = FORM.matcher(version.strip());
        if (!m.matches() || m.group(group) == null) {
            return 0;
        }
        return Long.parseLong(m.group(group));
    }

    private static Optional<String> preRelease(String version) {
        Matcher m = FORM.matcher(version.strip());
        return m.matches() ? Optional.ofNullable(m.group(4)) : Optional.empty();
    }
}
