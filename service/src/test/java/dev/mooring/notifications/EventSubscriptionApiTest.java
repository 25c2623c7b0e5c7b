package dev.mooring.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.mooring.access.BuiltInRoles;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The event subscription resource: its shape, the handshake, SSRF refusals, validation, access, paging, cascades. */
class EventSubscriptionApiTest extends NotificationTestBase {

    @Test
    void aSubscriptionShowsEventGridsShapeAndNeverItsEndpointUrlOrSecret() throws Exception {
        Tenant t = readyTenant();
        String group = t.subscriptionPath() + "/resourceGroups/rg";
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String body = webhook(receiver.url(), 100, "\"filter\":{\"includedEventTypes\":[\"microsoft.kubernetes."
                    + "connectedclusterconnectivitychanged\"],\"subjectBeginsWith\":\"" + group + "\"},\"labels\":[\"ops\"],"
                    + "\"eventDeliverySchema\":\"CloudEventSchemaV1_0\",\"retryPolicy\":{\"maxDeliveryAttempts\":5,"
                    + "\"eventTimeToLiveInMinutes\":30},\"deadLetterDestination\":{\"endpointType\":\"Mooring\"}");
            String response = as(t.owner()).contentType("application/json").body(body).put(group + SUFFIX + "ops" + API)
                    .then().statusCode(201)
                    .body("id", equalTo(group + SUFFIX + "ops"))
                    .body("type", equalTo("Microsoft.EventGrid/eventSubscriptions"))
                    .body("properties.topic", equalTo(group))
                    .body("properties.provisioningState", equalTo("Succeeded"))
                    .body("properties.destination.endpointType", equalTo("WebHook"))
                    .body("properties.destination.properties.endpointBaseUrl",
                            equalTo(receiver.url().substring(0, receiver.url().indexOf('?'))))
                    .body("properties.destination.properties.endpointUrl", nullValue())
                    .body("properties.destination.properties.maxEventsPerBatch", equalTo(100))
                    .body("properties.filter.includedEventTypes[0]", equalTo(EventTypes.CONNECTIVITY_CHANGED))
                    .body("properties.retryPolicy.maxDeliveryAttempts", equalTo(5))
                    .body("properties.retryPolicy.eventTimeToLiveInMinutes", equalTo(30))
                    .body("properties.deadLetterDestination.endpointType", equalTo("Mooring"))
                    .body("properties.labels[0]", equalTo("ops"))
                    .body("systemData.createdBy", notNullValue())
                    .extract().asString();
            String secret = as(t.owner()).post(group + SUFFIX + "ops/listSecret" + API).then().statusCode(200)
                    .header("Cache-Control", "no-store").extract().path("signingSecret");
            assertThat(response).doesNotContain("secret-in-query").doesNotContain(secret);
            assertThat(as(t.owner()).get(group + SUFFIX + "ops" + API).asString()).doesNotContain("secret-in-query")
                    .doesNotContain(secret);
            assertThat(jdbc.queryForObject("select count(*) from event_subscriptions where encode(endpoint_url_sealed,"
                    + " 'escape') like '%secret-in-query%' or encode(secret_sealed, 'escape') like ?", Long.class,
                    "%" + secret + "%")).as("sealed at rest").isZero();

            // A PUT to the same endpoint replaces the rest without another handshake.
            as(t.owner()).contentType("application/json").body(webhook(receiver.url(), "")).put(group + SUFFIX + "ops" + API)
                    .then().statusCode(200).body("properties.retryPolicy.maxDeliveryAttempts", equalTo(30))
                    .body("properties.deadLetterDestination", nullValue());
            assertThat(receiver.handshakes()).hasSize(1);
        }
    }

    @Test
    void theHandshakeMustSucceedBeforeAnythingIsStored() throws Exception {
        Tenant t = readyTenant();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.refuseHandshake();
            as(t.owner()).contentType("application/json").body(webhook(receiver.url(), ""))
                    .put(t.subscriptionPath() + SUFFIX + "refused" + API).then().statusCode(400)
                    .body("error.code", equalTo("EndpointValidationFailed"));
            as(t.owner()).get(t.subscriptionPath() + SUFFIX + "refused" + API).then().statusCode(404);
        }
        as(t.owner()).contentType("application/json").body(webhook("http://127.0.0.1:9/nobody", ""))
                .put(t.subscriptionPath() + SUFFIX + "unreachable" + API).then().statusCode(400)
                .body("error.code", equalTo("EndpointValidationFailed"));
    }

    @Test
    void destinationsThatCouldReachInsideAreRefused() {
        Tenant t = readyTenant();
        for (String url : new String[] {"http://169.254.169.254/metadata/identity", "http://10.0.0.1/hook",
                "https://192.168.1.10/hook", "http://[::1]:8080/hook", "http://0.0.0.0/hook", "http://100.64.0.1/",
                "https://[fd00::1]/hook", "http://user:password@127.0.0.1/hook", "ftp://127.0.0.1/hook", "/relative",
                "http://no-such-host.invalid/hook"}) {
            as(t.owner()).contentType("application/json").body(webhook(url, ""))
                    .put(t.subscriptionPath() + SUFFIX + "inside" + API).then().statusCode(400)
                    .body("error.code", equalTo("InvalidEndpointUrl"));
        }
    }

    @Test
    void badRequestsGetPreciseArmErrors() {
        Tenant t = readyTenant();
        String item = t.subscriptionPath() + SUFFIX + "bad" + API;
        String[][] cases = {
                {"{}", "InvalidRequestContent"},
                {"{\"properties\":{}}", "InvalidRequestContent"},
                {"{\"properties\":{\"destination\":{\"endpointType\":\"EventHub\"}}}", "InvalidParameter"},
                {webhook("http://127.0.0.1:9/", "\"filter\":{\"includedEventTypes\":[\"Nope\"]}"), "InvalidParameter"},
                {webhook("http://127.0.0.1:9/", "\"retryPolicy\":{\"maxDeliveryAttempts\":31}"), "InvalidParameter"},
                {webhook("http://127.0.0.1:9/", "\"retryPolicy\":{\"eventTimeToLiveInMinutes\":\"x\"}"), "InvalidParameter"},
                {webhook("http://127.0.0.1:9/", "\"eventDeliverySchema\":\"EventGridSchema\""), "InvalidParameter"},
                {webhook("http://127.0.0.1:9/", "\"deadLetterDestination\":{\"endpointType\":\"StorageBlob\"}"),
                        "InvalidParameter"},
                {webhook("http://127.0.0.1:9/", 5001, ""), "InvalidParameter"},
                {"[1]", "InvalidRequestContent"}};
        for (String[] c : cases) {
            as(t.owner()).contentType("application/json").body(c[0]).put(item).then().statusCode(400)
                    .body("error.code", equalTo(c[1]));
        }
        as(t.owner()).contentType("application/json").body(webhook("http://127.0.0.1:9/", ""))
                .put(t.subscriptionPath() + SUFFIX + "a_b" + API).then().statusCode(400)
                .body("error.code", equalTo("InvalidResourceName"));
        as(t.owner()).get(t.subscriptionPath() + "/resourceGroups/nope" + SUFFIX + "x" + API).then().statusCode(404)
                .body("error.code", equalTo("ParentResourceNotFound"));
        as(t.owner()).get(clusterId(t, "nope") + SUFFIX + "x" + API).then().statusCode(404)
                .body("error.code", equalTo("ParentResourceNotFound"));
        as(t.owner()).get(t.subscriptionPath() + SUFFIX + "x?api-version=2019-01-01").then().statusCode(400);
    }

    @Test
    void writingNeedsMicrosoftEventGridRegistered() {
        Tenant t = newTenant();
        as(t.owner()).contentType("application/json").body(webhook("http://127.0.0.1:9/", ""))
                .put(t.subscriptionPath() + SUFFIX + "unregistered" + API).then().statusCode(409)
                .body("error.code", equalTo("MissingSubscriptionRegistration"));
    }

    @Test
    void readersSeeSubscriptionsButNotTheirSecretAndOtherTenantsSeeNothing() throws Exception {
        Tenant t = readyTenant();
        UUID reader = UUID.randomUUID();
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), BuiltInRoles.READER, reader, "User", "test");
        UUID contributor = UUID.randomUUID();
        roleAssignments.grantAtSubscription(t.subscriptionId(), t.tenantId(), BuiltInRoles.EVENT_SUBSCRIPTION_CONTRIBUTOR,
                contributor, "User", "test");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            subscribe(t, t.subscriptionPath(), "watched", webhook(receiver.url(), ""));
            as(t.user(reader)).get(t.subscriptionPath() + SUFFIX + "watched" + API).then().statusCode(200);
            as(t.user(reader)).post(t.subscriptionPath() + SUFFIX + "watched/listSecret" + API).then().statusCode(403);
            as(t.user(reader)).delete(t.subscriptionPath() + SUFFIX + "watched" + API).then().statusCode(403);
            as(t.user(contributor)).post(t.subscriptionPath() + SUFFIX + "watched/listSecret" + API).then()
                    .statusCode(200);
            Tenant other = newTenant();
            as(other.owner()).get(t.subscriptionPath() + SUFFIX + "watched" + API).then().statusCode(401)
                    .body("error.code", equalTo("InvalidAuthenticationTokenTenant"));
            as(other.owner()).post(t.subscriptionPath() + SUFFIX + "watched/listSecret" + API).then().statusCode(401);
        }
    }

    @Test
    void listsPageAndDeletesGoWithTheirScope() throws Exception {
        Tenant t = readyTenant();
        createCluster(t, "paged");
        String cluster = clusterId(t, "paged");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            for (String name : new String[] {"one", "two", "three"}) {
                subscribe(t, cluster, name, webhook(receiver.url(), ""));
            }
            String next = as(t.owner()).get(cluster + "/providers/Microsoft.EventGrid/eventSubscriptions" + API
                    + "&$top=2").then().statusCode(200).body("value", hasSize(2))
                    .body("value[0].name", equalTo("one")).body("value[1].name", equalTo("three"))
                    .extract().path("nextLink");
            io.restassured.RestAssured.given().header("Authorization", "Bearer " + t.owner()).urlEncodingEnabled(false)
                    .get(next).then().statusCode(200).body("value", hasSize(1)).body("value[0].name", equalTo("two"))
                    .body("nextLink", nullValue());

            as(t.owner()).delete(cluster + SUFFIX + "one" + API).then().statusCode(200);
            as(t.owner()).delete(cluster + SUFFIX + "one" + API).then().statusCode(204);
            as(t.owner()).delete(cluster + "?api-version=2024-01-01").then().statusCode(202);
            awaitGone(t.owner(), cluster + "?api-version=2024-01-01");
            assertThat(jdbc.queryForObject("select count(*) from event_subscriptions where subscription_id = ?",
                    Long.class, t.subscriptionId())).as("a cluster's subscriptions go with it").isZero();
        }
    }
}
