package dev.mooring.inventory;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Orders, keyset paging (also while clusters are being added) and the CSV output. */
class InventoryPagingTest extends InventoryTestBase {

    @Test
    void everyOrderPagesThroughTheSameRowsAsOneLongPage() {
        Tenant t = readyTenant("rg");
        String admin = admin();
        Instant now = Instant.now();
        String[] locations = {"eastus", "westeurope", "uksouth"};
        for (int i = 0; i < 14; i++) {
            var id = insert(t, "rg", "c" + (char) ('a' + (i * 5) % 14), locations[i % 3]);
            if (i % 4 != 0) {
                report(id, "1." + (10 + i % 5) + ".0", "1." + (25 + i % 4) + "." + i, 1 + i);
                heartbeat(id, now.minus(Duration.ofMinutes(i * 7L)));
            }
        }
        for (String order : List.of("name", "name desc", "location", "location desc", "lastConnectivityTime desc",
                "lastConnectivityTime", "kubernetesVersion", "kubernetesVersion desc", "agentVersion desc")) {
            String query = "subscriptionId=" + t.subscriptionId() + "&orderBy=" + order;
            List<Map<String, Object>> whole = list(admin, query).then().statusCode(200).extract().path("value");
            assertThat(whole).as(order).hasSize(14);
            List<String> paged = follow(admin, query + "&$top=4");
            assertThat(paged).as(order).containsExactlyElementsOf(whole.stream().map(r -> (String) r.get("name")).toList());
            assertThat(whole).as(order).isSortedAccordingTo(comparator(order));
        }
        // A skipToken of one order is refused by another.
        String next = list(admin, "subscriptionId=" + t.subscriptionId() + "&$top=2").then().extract().path("nextLink");
        java.util.regex.Matcher skip = java.util.regex.Pattern.compile("(?:\\$|%24)skipToken=([^&]+)").matcher(next);
        assertThat(skip.find()).isTrue();
        String token = skip.group(1);
        badRequest(admin, INVENTORY + "/clusters?subscriptionId=" + t.subscriptionId() + "&orderBy=location&$skipToken="
                + token, "InvalidSkipToken");
    }

    private static Comparator<Map<String, Object>> comparator(String order) {
        String field = order.split(" ")[0];
        Comparator<Map<String, Object>> byName = Comparator.comparing(r -> (String) r.get("name"));
        Comparator<Map<String, Object>> c = switch (field) {
            case "location" -> Comparator.<Map<String, Object>, String>comparing(r -> (String) r.get("location"))
                    .thenComparing(byName);
            case "lastConnectivityTime" -> Comparator.<Map<String, Object>, Instant>comparing(r ->
                    r.get("lastConnectivityTime") == null ? Instant.MIN : Instant.parse((String) r.get("lastConnectivityTime")))
                    .thenComparing(byName);
            case "kubernetesVersion" -> Comparator.<Map<String, Object>>comparingLong(r ->
                    Versions.key((String) r.get("kubernetesVersion"))).thenComparing(byName);
            case "agentVersion" -> Comparator.<Map<String, Object>>comparingLong(r ->
                    Versions.key((String) r.get("agentVersion"))).thenComparing(byName);
            default -> byName;
        };
        return order.endsWith("desc") ? c.reversed() : c;
    }

    private List<String> follow(String token, String query) {
        List<String> names = new ArrayList<>();
        JsonPath page = list(token, query).then().statusCode(200).extract().jsonPath();
        names.addAll(page.getList("value.name"));
        while (page.getString("nextLink") != null) {
            page = as(token).urlEncodingEnabled(false).get(page.getString("nextLink")).then().statusCode(200)
                    .extract().jsonPath();
            names.addAll(page.getList("value.name"));
        }
        return names;
    }

    @Test
    void pagingNeitherRepeatsNorSkipsWhileClustersAreAdded() throws Exception {
        Tenant t = readyTenant("rg");
        String admin = admin();
        Set<String> original = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String name = "m-" + String.format("%02d", i);
            insert(t, "rg", name, "eastus");
            original.add(name);
        }
        AtomicBoolean paging = new AtomicBoolean(true);
        AtomicInteger added = new AtomicInteger();
        Thread writer = Thread.ofVirtual().start(() -> {
            for (int i = 0; paging.get() && i < 300; i++) {
                // Names that sort before, among and after the existing ones.
                insert(t, "rg", (i % 3 == 0 ? "a-" : i % 3 == 1 ? "m-" + String.format("%02d", i % 40) + "x-" : "z-") + i,
                        "eastus");
                added.incrementAndGet();
            }
        });
        List<String> seen = new ArrayList<>();
        JsonPath page = list(admin, "subscriptionId=" + t.subscriptionId() + "&$top=3").then().statusCode(200)
                .extract().jsonPath();
        seen.addAll(page.getList("value.name"));
        while (page.getString("nextLink") != null) {
            // Pages and inserts interleave: a cluster of each kind (before, among and after the cursor) goes in
            // between two pages, unless the writer has finished.
            int before = added.get();
            eventually(() -> assertThat(added.get() >= before + 3 || !writer.isAlive())
                    .as("the writer added three more clusters").isTrue());
            page = as(admin).urlEncodingEnabled(false).get(page.getString("nextLink")).then().statusCode(200).extract()
                    .jsonPath();
            seen.addAll(page.getList("value.name"));
        }
        paging.set(false);
        writer.join();
        assertThat(added.get()).as("clusters were added while paging").isPositive();
        assertThat(seen).as("no cluster twice").doesNotHaveDuplicates();
        assertThat(seen).as("every cluster that existed throughout").containsAll(original);
        assertThat(seen).as("in key order").isSorted();
    }

    @Test
    void csvEscapesWhatTenantsWriteAndLinksTheNextPage() {
        Tenant t = readyTenant("rg");
        String admin = admin();
        var id = connect(t, "rg", "csv-1", "eastus", "{\"note\":\"a, \\\"quoted\\\"\\nline\",\"formula\":\"=1+2\"}",
                "k3s", "generic");
        connect(t, "rg", "csv-2", "eastus", "{}", "k3s", "generic");
        jdbc.update("update connected_clusters set distribution = ? where id = ?", "=HYPERLINK(\"x\")", id);
        Response response = as(admin).get(INVENTORY + "/clusters?subscriptionId=" + t.subscriptionId()
                + "&format=csv&$top=1");
        response.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        String body = response.asString();
        List<List<String>> rows = parse(body);
        assertThat(rows.getFirst()).containsExactlyElementsOf(Csv.COLUMNS);
        assertThat(rows).hasSize(2);
        Map<String, String> row = new java.util.HashMap<>();
        for (int c = 0; c < Csv.COLUMNS.size(); c++) {
            row.put(Csv.COLUMNS.get(c), rows.get(1).get(c));
        }
        assertThat(row.get("name")).isEqualTo("csv-1");
        assertThat(row.get("distribution")).as("formula neutralised").isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(row.get("tags")).isEqualTo("{\"note\":\"a, \\\"quoted\\\"\\nline\",\"formula\":\"=1+2\"}");
        assertThat(body).contains("\r\n");
        String link = response.header("Link");
        assertThat(link).startsWith("<http://localhost:" + port + INVENTORY + "/clusters?").endsWith(">; rel=\"next\"");
        String next = link.substring(1, link.indexOf('>'));
        String second = as(admin).urlEncodingEnabled(false).get(next).then().statusCode(200).extract().asString();
        assertThat(parse(second).get(1).get(3)).isEqualTo("csv-2");
        // Accept: text/csv works too; JSON stays the default.
        assertThat(as(admin).accept("text/csv").get(INVENTORY + "/clusters?subscriptionId=" + t.subscriptionId())
                .asString()).startsWith("id,subscriptionId,");
        list(admin, "subscriptionId=" + t.subscriptionId()).then().contentType(org.hamcrest.Matchers.startsWith(
                "application/json"));
    }

    /** A strict RFC 4180 reader, to check what a spreadsheet would read. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char ch = csv.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(ch);
            }
        }
        return rows;
    }
}
