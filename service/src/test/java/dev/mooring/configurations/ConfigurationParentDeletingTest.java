package dev.mooring.configurations;

import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A configuration is never acknowledged under a cluster or group that is being deleted. The worker is off. */
@TestPropertySource(properties = "mooring.scheduling.enabled=false")
class ConfigurationParentDeletingTest extends ConfigurationTest {

    private static final String BODY = "{\"properties\":{\"repositoryUrl\":\"https://github.com/example/fleet-config\","
            + "\"operatorParams\":\"--git-readonly\",\"operatorScope\":\"cluster\"}}";

    @Test
    void aConfigurationUnderAClusterBeingDeletedIsRefused() {
        Tenant t = readyTenant("leaving");
        // The cluster's own delete operation is pending (the worker is off, so its creation still is: mark it directly).
        jdbc.update("update connected_clusters set provisioning_state = 'Deleting' where subscription_id = ?",
                t.subscriptionId());

        as(t.owner()).contentType("application/json").body(BODY).put(configuration(t, "leaving", "cfg", V2021))
                .then().statusCode(409).body("error.code", equalTo("ParentResourceIsBeingDeleted"));
        as(t.owner()).get(configuration(t, "leaving", "cfg", V2021)).then().statusCode(404);
    }

    @Test
    void aConfigurationUnderAGroupBeingDeletedIsRefused() {
        Tenant t = readyTenant("c1");
        as(t.owner()).delete(t.subscriptionPath() + "/resourceGroups/rg?api-version=2021-04-01").then().statusCode(202);

        as(t.owner()).contentType("application/json").body(BODY).put(configuration(t, "c1", "cfg", V2021))
                .then().statusCode(409).body("error.code", equalTo("ResourceGroupBeingDeleted"));
    }
}
