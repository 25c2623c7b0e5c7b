package dev.mooring.arm.operations;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.mooring.testing.ServiceTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every reply about a running operation says when to ask again: azure-core falls back to 30 s between polls when
 * the status resource carries no {@code Retry-After}, which made a one-second operation take half a minute.
 */
class OperationStatusRetryAfterTest extends ServiceTest {

    @Autowired
    AsyncOperations operations;

    @Test
    void runningOperationsCarryRetryAfterOnStatusAndResultAndFinishedOnesDoNot() {
        Tenant t = newTenant();
        String resource = t.subscriptionPath() + "/resourcegroups/rg-" + UUID.randomUUID();
        // A kind no replica handles stays InProgress until something completes it.
        AsyncOperation running = operations.start(new AsyncOperations.Start("test/unhandled-" + UUID.randomUUID(),
                resource, t.subscriptionId(), "Microsoft.Resources", "eastus", "2021-04-01", t.tenantId(),
                t.ownerId().toString(), Duration.ZERO));
        String status = AsyncOperations.statusPath(running) + "?api-version=2021-04-01";
        String result = AsyncOperations.path(running, "operationResults") + "?api-version=2021-04-01";

        as(t.owner()).get(status).then().statusCode(200).body("status", equalTo("InProgress"))
                .header("Retry-After", equalTo("1"));
        as(t.owner()).get(result).then().statusCode(202).header("Retry-After", equalTo("1"));

        operations.completeNow(resource, 200);
        as(t.owner()).get(status).then().statusCode(200).body("status", equalTo("Succeeded"))
                .header("Retry-After", nullValue());
        as(t.owner()).get(result).then().statusCode(200).header("Retry-After", nullValue());
    }
}
