package dev.mooring.inventory;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.Bounded;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Orders of the cluster list. Every order ends with the name and the cluster's id, so a row's key is unique and
 * keyset paging neither repeats nor skips a row while clusters come and go.
 */
enum Sorts {

    NAME("name", null, null),
    LOCATION("location", "i.location", "text"),
    LAST_CONNECTIVITY_TIME("lastConnectivityTime", "coalesce(i.last_seen, '-infinity'::timestamptz)", "timestamptz"),
    KUBERNETES_VERSION("kubernetesVersion", "coalesce(i.kubernetes_version_key, -1)", "bigint"),
    AGENT_VERSION("agentVersion", "coalesce(i.agent_version_key, -1)", "bigint");

    static final String PARAMETER = "orderBy";

    /** An order and its direction, as {@code orderBy=lastConnectivityTime desc} asks. */
    record Order(Sorts sort, boolean descending) {

        /** The ORDER BY list. */
        String orderBy() {
            String direction = descending ? " desc" : "";
            return (sort.expression == null ? "" : sort.expression + direction + ", ") + "i.name_key" + direction
                    + ", i.cluster_id" + direction;
        }

        /** The row's key as SQL text (a leading sort value, then the name key and id). */
        String keyColumns() {
            return (sort.expression == null ? "" : sort.expression + ", ") + "i.name_key, i.cluster_id";
        }

        /** The keyset condition after a key; its arguments are the key's parts in order. */
        String after() {
            String placeholders = (sort.expression == null ? "" : "cast(? as " + sort.type + "), ") + "?, ?::uuid";
            return "(" + keyColumns() + ") " + (descending ? "<" : ">") + " (" + placeholders + ")";
        }

        /** How many leading key parts there are before the name key and id. */
        int valueParts() {
            return sort.expression == null ? 0 : 1;
        }

        /** Whether a skip token's sort value has this order's SQL type. */
        boolean fits(String value) {
            return sort.expression == null ? value.isEmpty() : TokenValues.fits(sort.type, value);
        }

        String token() {
            return sort.parameter + (descending ? ".desc" : ".asc");
        }
    }

    private final String parameter;
    final String expression;
    private final String type;

    Sorts(String parameter, String expression, String type) {
        this.parameter = parameter;
        this.expression = expression;
        this.type = type;
    }

    static Order parse(String value) {
        if (value == null || value.isBlank()) {
            return new Order(NAME, false);
        }
        String[] parts = value.strip().split("\\s+");
        boolean descending = parts.length == 2 && parts[1].equalsIgnoreCase("desc");
        boolean valid = parts.length == 1 || (parts.length == 2 && (descending || parts[1].equalsIgnoreCase("asc")));
        for (Sorts sort : values()) {
            if (valid && sort.parameter.equalsIgnoreCase(parts[0])) {
                return new Order(sort, descending);
            }
        }
        throw ArmException.badRequest("InvalidParameter", "The value '" + Bounded.text(value) + "' of '" + PARAMETER
                + "' is not valid: expected one of " + Arrays.stream(values()).map(s -> s.parameter)
                .collect(Collectors.joining(", ")) + ", optionally followed by ' asc' or ' desc'.", PARAMETER);
    }

    @Override
    public String toString() {
        return parameter.toLowerCase(Locale.ROOT);
    }
}
