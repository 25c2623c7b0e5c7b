package dev.mooring.arm.paging;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.mooring.testing.ServiceTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Keyset paging over resource groups: absolute nextLinks, no OFFSET drift while rows are inserted. */
class PagingTest extends ServiceTest {

    private static final String V = "api-version=2021-04-01";

    @Test
    void pagesFollowNextLinksToTheEnd() {
        Tenant t = newTenant();
        for (int i = 0; i < 7; i++) {
            create(t, "rg-" + i);
        }
        String first = t.subscriptionPath() + "/resourcegroups?" + V + "&$top=3";
        JsonPath page = as(t.owner()).get(first).then().statusCode(200)
                .body("nextLink", startsWith("http://localhost:" + port + t.subscriptionPath() + "/resourcegroups?"))
                .extract().jsonPath();
        List<String> names = new ArrayList<>(page.getList("value.name"));
        int pages = 1;
        while (page.getString("nextLink") != null) {
            assertThat(page.getString("nextLink")).contains("api-version=2021-04-01").contains("%24top=3");
            page = follow(t, page.getString("nextLink"));
            names.addAll(page.getList("value.name"));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("rg-0", "rg-1", "rg-2", "rg-3", "rg-4", "rg-5", "rg-6");
    }

    @Test
    void theLastPageHasNoNextLinkAndBadParametersAreArmErrors() {
        Tenant t = newTenant();
        create(t, "only");
        as(t.owner()).get(t.subscriptionPath() + "/resourcegroups?" + V).then().statusCode(200)
                .body("nextLink", nullValue());
        as(t.owner()).get(t.subscriptionPath() + "/resourcegroups?" + V + "&$top=1001").then().statusCode(400)
                .body("error.code", equalTo("InvalidParameter"));
        as(t.owner()).get(t.subscriptionPath() + "/resourcegroups?" + V + "&$top=abc").then().statusCode(400);
        as(t.owner()).get(t.subscriptionPath() + "/resourcegroups?" + V + "&$skipToken=!!garbage!!").then().statusCode(400)
                .body("error.code", equalTo("InvalidSkipToken"));
    }

    @Test
    void pagingStaysCorrectWhileRowsAreInsertedConcurrently() throws Exception {
        Tenant t = newTenant();
        Set<String> original = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            String name = "m-" + String.format("%02d", i);
            create(t, name);
            original.add(name);
        }
        AtomicBoolean paging = new AtomicBoolean(true);
        AtomicInteger inserted = new AtomicInteger();
        Thread writer = Thread.ofVirtual().start(() -> {
            int i = 0;
            while (paging.get() && i < 200) {
                // Names that sort before, among and after the existing ones.
                create(t, (i % 3 == 0 ? "a-" : i % 3 == 1 ? "m-" + String.format("%02d", i % 30) + "x-" : "z-") + i);
                inserted.incrementAndGet();
                i++;
            }
        });
        List<String> seen = new ArrayList<>();
        String next = t.subscriptionPath() + "/resourcegroups?" + V + "&$top=4";
        boolean first = true;
        int pages = 0;
        while (next != null) {
            if (!first) {
                // Pages and inserts interleave: a row of each kind (before, among and after the cursor) goes in
                // between two pages, unless the writer has finished.
                int before = inserted.get();
                eventually(() -> assertThat(inserted.get() >= before + 3 || !writer.isAlive())
                        .as("the writer inserted three more rows").isTrue());
            }
            JsonPath page = first ? as(t.owner()).get(next).then().statusCode(200).extract().jsonPath() : follow(t, next);
            first = false;
            pages++;
            seen.addAll(page.getList("value.name"));
            next = page.getString("nextLink");
        }
        paging.set(false);
        writer.join();
        assertThat(inserted.get()).as("rows were inserted while paging").isPositive();
        assertThat(pages).as("pages of four, not one big page").isGreaterThan(8);
        assertThat(seen).as("no row appears twice").doesNotHaveDuplicates();
        assertThat(seen).as("every row that existed before paging began is listed").containsAll(original);
        assertThat(seen).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    /** Follows a nextLink verbatim, as the Azure SDKs do (no re-encoding). */
    private JsonPath follow(Tenant t, String nextLink) {
        return as(t.owner()).urlEncodingEnabled(false).get(nextLink).then().statusCode(200).extract().jsonPath();
    }

    private void create(Tenant t, String name) {
        as(t.owner()).contentType("application/json").body("{\"location\":\"eastus\"}")
                .put(t.subscriptionPath() + "/resourcegroups/" + name + "?" + V).then().statusCode(201);
    }
}
