package dev.mooring.portal;

import static dev.mooring.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mooring.access.BuiltInRoles;
import dev.mooring.access.RoleAssignments;
import dev.mooring.testing.TestAgentCa;
import dev.mooring.testing.TestPostgres;
import dev.mooring.testing.TestSecrets;
import dev.mooring.tenancy.Subscriptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal in a real browser (headless Chromium) against a real Mooring in local mode: one-click sign-in,
 * browsing, a cluster turning Connected while its agent onboards, tags, delete with progress, a Reader's view and
 * the API's 403, the fleet overview's numbers and its CSV export, and connecting a cluster from the page. No page
 * may trip the Content-Security-Policy. Screenshots go to target/portal-screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalBrowserTest {

    private static final Path DATA_DIRECTORY = temporaryDirectory();
    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID SUBSCRIPTION = UUID.randomUUID();
    private static final UUID LOCAL_USER = UUID.randomUUID();
    private static final String SUBSCRIPTION_NAME = "Portal test subscription";
    private static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    RoleAssignments roleAssignments;

    @Autowired
    JdbcTemplate jdbc;

    PortalFixtures api;
    String owner;

    @DynamicPropertySource
    static void localMode(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
        TestSecrets.register(registry);
        TestAgentCa.register(registry);
        registry.add("mooring.local.enabled", () -> "true");
        registry.add("mooring.local.https-port", () -> "0");
        registry.add("mooring.local.data-directory", DATA_DIRECTORY::toString);
        registry.add("mooring.local.tenant-id", TENANT::toString);
        registry.add("mooring.local.subscription-id", SUBSCRIPTION::toString);
        registry.add("mooring.local.subscription-name", () -> SUBSCRIPTION_NAME);
        registry.add("mooring.local.user-object-id", LOCAL_USER::toString);
        registry.add("mooring.operations.retry-after", () -> "1s");
        registry.add("mooring.operations.poll-interval", () -> "100ms");
        registry.add("mooring.providers.registration-delay", () -> "1s");
        registry.add("mooring.inventory.newest-agent-version", () -> "1.14.2");
        registry.add("mooring.connectivity.sweep-interval", () -> "1s");
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void setUp() {
        api = new PortalFixtures(port);
        owner = api.token(TENANT, LOCAL_USER, "dev@mooring.local");
    }

    @AfterEach
    void noPageTrippedTheContentSecurityPolicy() {
        browser.assertNoContentSecurityPolicyViolations();
    }

    @Test
    void signInWithTheKeyboardBrowseAndWatchAClusterTurnConnectedWhileItsAgentOnboards() throws IOException {
        api.resourceGroup(owner, SUBSCRIPTION, "edge", "eastus");
        api.registerKubernetes(owner, SUBSCRIPTION);
        PortalFixtures.Cluster store = api.connect(owner, SUBSCRIPTION, "edge", "store-0042", "eastus");

        signOutIfSignedIn();
        browser.open(portal());
        browser.find("[data-test=sign-in-local]");
        browser.screenshot("sign-in");
        String focused = "return document.activeElement.dataset.test";
        for (int tabs = 0; tabs < 5 && !"sign-in-local".equals(browser.script(focused)); tabs++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.script(focused)).as("reached with Tab").isEqualTo("sign-in-local");
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        browser.waitForText("[data-test=user]", "dev@mooring.local");
        browser.clickLink(SUBSCRIPTION_NAME);
        browser.clickLink("edge");
        browser.waitForText("[data-test=clusters] tbody", "store-0042");
        assertThat(browser.find("[data-test=clusters] tbody").getText()).contains("Connecting");
        browser.screenshot("clusters");

        browser.clickLink("store-0042");
        browser.waitForText("[data-test=connectivity]", "Connecting");
        api.onboard(store);
        api.heartbeat(store, "1.14.0", 3);
        browser.waitForText("[data-test=connectivity]", "Connected");
        browser.waitForText("[data-test=facts]", "1.30.4");
        assertThat(browser.find("[data-test=facts]").getText()).contains("3 / 12").contains("k3s").contains("1.14.0");
        assertThat(browser.find("[data-test=last-seen]").getText()).contains("just now");
        browser.find("[data-test=actions][data-rights=loaded] [data-test=kubeconfig]");
        browser.find("[data-test=delete]");
        browser.waitForText("[data-test=timeline]", "MetadataChanged");
        eventually(Duration.ofSeconds(30), () -> {
            browser.driver.navigate().refresh();
            assertThat(browser.find("[data-test=timeline]").getText()).contains("Connecting → Connected");
        });
        assertThat(browser.script("return Chart.getChart(document.getElementById('timeline-chart'))"
                + ".data.datasets.map(d => d.label + '=' + d.data.length).join(' ')"))
                .isEqualTo("Connectivity=2 Metadata changed=1");
        browser.screenshot("cluster");
        browser.click("[data-test=kubeconfig]");
        assertThat(Files.readString(browser.downloaded("store-0042.kubeconfig")))
                .contains("kind: Config").contains("/connect/");

        browser.click("[data-test=sign-out]");
        browser.find("[data-test=sign-in-local]");
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void editsTagsWithPatch() {
        PortalFixtures.Cluster cluster = ownersCluster("tagged", "shop-7");
        openAsOwner(cluster);
        browser.click("[data-test=edit-tags]");
        browser.type("[data-test=tag-name]", "env");
        browser.type("[data-test=tag-value]", "prod");
        browser.find("form[aria-label='Edit tags'] button[type=submit]").click();
        browser.waitForText("[data-test=tags]", "prod");
        api.as(owner).get(PortalFixtures.armPath(SUBSCRIPTION, "tagged", "shop-7")).then().statusCode(200)
                .body("tags.env", equalTo("prod"));
    }

    @Test
    void deletesAClusterFollowingTheAsynchronousOperation() {
        PortalFixtures.Cluster cluster = ownersCluster("doomed", "old-cluster");
        openAsOwner(cluster);
        browser.click("[data-test=delete]");
        browser.type("[data-test=confirm-name]", "old-cluster");
        browser.click("[data-test=confirm-delete]");
        browser.waitForText("[data-test=delete-progress]", "Deleting old-cluster");
        browser.waitForText("[data-test=deleted]", "was deleted");
        api.as(owner).get(PortalFixtures.armPath(SUBSCRIPTION, "doomed", "old-cluster")).then().statusCode(404);
    }

    @Test
    void aReaderSeesNoDeleteButtonAndAForcedDeleteShowsTheApisRefusal() throws IOException {
        PortalFixtures.Cluster cluster = ownersCluster("readable", "shared-1");
        UUID reader = UUID.randomUUID();
        roleAssignments.grantAtSubscription(SUBSCRIPTION, TENANT, BuiltInRoles.READER, reader, "User", "test");
        signInAs(api.token(TENANT, reader, "reader@mooring.local"));

        browser.open(cluster.page(port));
        browser.waitFor("[data-test=actions][data-rights=loaded]");
        assertThat(browser.present("[data-test=delete]")).isFalse();
        assertThat(browser.present("[data-test=kubeconfig]")).isFalse();

        browser.open(cluster.page(port) + "?action=delete");
        browser.type("[data-test=confirm-name]", "shared-1");
        browser.click("[data-test=confirm-delete]");
        browser.waitForText("[role=alert]", "AuthorizationFailed");
        assertThat(browser.find("[role=alert]").getText()).contains("HTTP 403");
        browser.screenshot("reader-forced-delete");
        api.as(owner).get(PortalFixtures.armPath(SUBSCRIPTION, "readable", "shared-1")).then().statusCode(200);
    }

    @Test
    void theFleetOverviewCountsByStatusAndRegionMarksOutdatedAgentsAndExportsCsv() throws IOException {
        UUID fleetSubscription = UUID.randomUUID();
        UUID operator = UUID.randomUUID();
        subscriptions.ensureRegistered(fleetSubscription, TENANT, "Fleet");
        roleAssignments.grantAtSubscription(fleetSubscription, TENANT, BuiltInRoles.OWNER, operator, "User", "test");
        String token = api.token(TENANT, operator, "ops@mooring.local");
        api.resourceGroup(token, fleetSubscription, "stores", "eastus");
        api.registerKubernetes(token, fleetSubscription);
        heard(api.connect(token, fleetSubscription, "stores", "east-a", "eastus"), "1.14.0", null);
        heard(api.connect(token, fleetSubscription, "stores", "east-b", "eastus"), "1.10.0", null);
        api.connect(token, fleetSubscription, "stores", "east-c", "eastus");
        heard(api.connect(token, fleetSubscription, "stores", "west-d", "westeurope"), "1.14.0", Duration.ofDays(2));
        heard(api.connect(token, fleetSubscription, "stores", "west-e", "westeurope"), "1.14.0", Duration.ofHours(2));

        signInAs(token);
        browser.open(portal() + "#/fleet");
        browser.waitForText("[data-test=totals]", "5 clusters");
        assertThat(cell("eastus", "Connected")).isEqualTo("2");
        assertThat(cell("eastus", "Connecting")).isEqualTo("1");
        assertThat(cell("eastus", "Offline")).isEqualTo("0");
        assertThat(cell("westeurope", "Offline")).isEqualTo("2");
        assertThat(cell("westeurope", "Connected")).isEqualTo("0");
        assertThat(browser.script("const c = Chart.getChart(document.getElementById('status-chart'));"
                + " return c.data.labels.join(',') + ' ' + c.data.datasets.map(d => d.label + '=' + d.data.join('/')).join(' ')"))
                .isEqualTo("eastus,westeurope Connected=2/0 Connecting=1/0 Offline=0/2 Expired=0/0");
        assertThat(browser.find("[data-version='1.10.0']").getText()).contains("Outdated");
        assertThat(browser.find("[data-version='1.14.0']").getText()).contains("3").contains("Supported");
        assertThat(browser.script("const c = Chart.getChart(document.getElementById('versions-chart'));"
                + " return c.data.labels.map((l, i) => l + '=' + c.data.datasets[0].data[i]).sort().join(' ')"))
                .isEqualTo("1.10.0=1 1.14.0=3 not reported=1");

        browser.waitForText("[data-test=offline-clusters] tbody", "west-d");
        assertThat(browser.find("[data-test=offline-clusters] tbody").getText()).doesNotContain("west-e");
        browser.screenshot("fleet");
        browser.click("[data-test=export-csv]");
        List<String> csv = Files.readAllLines(browser.downloaded("offline-clusters.csv"));
        assertThat(csv.getFirst()).contains("name").contains("connectivityStatus");
        assertThat(csv).hasSize(2);
        assertThat(csv.get(1)).contains("west-d").contains("Offline").contains("westeurope");

        new Select(browser.find("[data-test=offline-for]")).selectByVisibleText("1 hour");
        browser.waitForText("[data-test=offline-clusters] tbody", "west-e");
        assertThat(browser.find("[data-test=offline-clusters] tbody").getText()).contains("west-d");
    }

    @Test
    void connectsAClusterFromThePageAndWaitsUntilItsAgentHasConnected() throws IOException {
        signInAs(owner);
        browser.open(portal() + "#/connect?subscription=" + SUBSCRIPTION);
        eventually(() -> assertThat(browser.find("select[name=region]").getText()).contains("East US"));
        browser.type("input[name=group]", "from-the-portal");
        browser.type("input[name=name]", "lab-cluster");
        new Select(browser.find("select[name=distribution]")).selectByVisibleText("kind");
        browser.find("form.form button[type=submit]").click();
        String privateKey = eventually(Duration.ofSeconds(30), () -> {
            String pem = browser.find("[data-test=private-key]").getDomProperty("value");
            assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
            return pem;
        });
        assertThat(browser.find("[data-test=install-command]").getText())
                .contains("helm install mooring-agent deploy/agent-chart")
                .contains("--set global.subscriptionId=" + SUBSCRIPTION)
                .contains("--set global.resourceGroupName=from-the-portal")
                .contains("--set global.resourceName=lab-cluster")
                .contains("--set global.location=eastus")
                .contains("--set global.tenantId=" + TENANT)
                .contains("--set mooring.dataPlaneUrl=http://localhost:" + port + "/dataplane/eastus");
        browser.waitForText("[data-test=connect-status]", "Connecting");
        browser.screenshot("connect");

        Map<String, Object> created = api.as(owner).get(PortalFixtures.armPath(SUBSCRIPTION, "from-the-portal",
                "lab-cluster")).then().statusCode(200).body("properties.distribution", equalTo("kind")).extract().path("");
        PortalFixtures.Cluster cluster = new PortalFixtures.Cluster(SUBSCRIPTION, "from-the-portal", "lab-cluster",
                "eastus", (String) created.get("id"), new dev.mooring.dataplane.TestAgent());
        api.onboard(cluster, privateKey);
        api.heartbeat(cluster, "1.14.0", 1);
        browser.waitForText("[data-test=connect-status]", "The agent has connected.");
    }

    /** A new cluster of the local user's, in a new resource group in East US. */
    private PortalFixtures.Cluster ownersCluster(String group, String name) {
        api.resourceGroup(owner, SUBSCRIPTION, group, "eastus");
        api.registerKubernetes(owner, SUBSCRIPTION);
        return api.connect(owner, SUBSCRIPTION, group, name, "eastus");
    }

    private void openAsOwner(PortalFixtures.Cluster cluster) {
        signInAs(owner);
        browser.open(cluster.page(port));
    }

    /** Onboards the cluster's agent and heartbeats; with {@code ago}, moves its last heartbeat that far back. */
    private void heard(PortalFixtures.Cluster cluster, String agentVersion, Duration ago) {
        api.onboard(cluster);
        api.heartbeat(cluster, agentVersion, 2);
        UUID id = jdbc.queryForObject("select id from connected_clusters where subscription_id = ? and name_key = ?",
                UUID.class, cluster.subscription(), cluster.name());
        eventually(() -> assertThat(jdbc.queryForObject("select agent_version from cluster_inventory where cluster_id = ?"
                + " and last_seen is not null", String.class, id)).isEqualTo(agentVersion));
        if (ago != null) {
            jdbc.update("update cluster_heartbeats set last_seen = ? where cluster_id = ?",
                    Timestamp.from(Instant.now().minus(ago)), id);
        }
    }

    private String cell(String region, String status) {
        return browser.find("[data-test=status-by-region] tr[data-region='" + region + "'] td[data-status='" + status
                + "']").getText();
    }

    private String portal() {
        return "http://localhost:" + port + "/portal/";
    }

    /** Signs in as another user the way the page keeps a token: in this tab's sessionStorage. */
    private void signInAs(String token) {
        browser.open(portal());
        browser.script("sessionStorage.setItem('mooring.portal.token', JSON.stringify({accessToken: arguments[0]}))",
                token);
    }

    private void signOutIfSignedIn() {
        browser.open(portal());
        browser.script("sessionStorage.clear()");
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("mooring-portal-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
