package dev.mooring.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options as {@code --name value} pairs. */
final class Flags {

    private Flags() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value pairs, got '" + args[i] + "'");
            }
            flags.put(args[i].substring(2), args[++i]);
        }
        return flags;
    }
}
