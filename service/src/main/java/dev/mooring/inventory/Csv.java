package dev.mooring.inventory;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster list as CSV (RFC 4180): a header row, CRLF line ends, fields holding a comma, quote, CR or LF
 * quoted with inner quotes doubled. Text a spreadsheet would run as a formula (starting with =, +, -, @, tab or
 * CR) is prefixed with a single quote, since names and tags are chosen by tenants and read by operators.
 */
final class Csv {

    static final String MEDIA_TYPE = "text/csv";
    static final List<String> COLUMNS = List.of("id", "subscriptionId", "resourceGroup", "name", "location",
            "connectivityStatus", "lastConnectivityTime", "provisioningState", "kubernetesVersion", "agentVersion",
            "distribution", "infrastructure", "totalNodeCount", "totalCoreCount", "tags");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Csv() {
    }

    static String write(List<ClusterInventory.Item> items) {
        StringBuilder out = new StringBuilder();
        line(out, COLUMNS.toArray());
        for (ClusterInventory.Item i : items) {
            line(out, i.id(), i.subscriptionId(), i.resourceGroup(), i.name(), i.location(), i.connectivityStatus(),
                    i.lastConnectivityTime(), i.provisioningState(), i.kubernetesVersion(), i.agentVersion(),
                    i.distribution(), i.infrastructure(), i.totalNodeCount(), i.totalCoreCount(),
                    i.tags() == null || i.tags().isEmpty() ? null : JSON.writeValueAsString(i.tags()));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, Object... fields) {
        for (int f = 0; f < fields.length; f++) {
            if (f > 0) {
                out.append(',');
            }
            out.append(field(fields[f]));
        }
        out.append("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value instanceof Map<?, ?> ? JSON.writeValueAsString(value) : value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
