package dev.mooring.metadata;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.mooring.testing.ServiceTest;
import org.junit.jupiter.api.Test;

/** {@code az cloud register --endpoint-resource-manager} reads this document before anyone has a token. */
class MetadataEndpointsTest extends ServiceTest {

    @Test
    void theLegacyDocumentNeedsNoTokenAndNamesTheAuthorityAndAudiences() {
        anonymous().get("/metadata/endpoints?api-version=2015-01-01").then().statusCode(200)
                .body("authentication.loginEndpoint", equalTo("https://login.microsoftonline.com/"))
                .body("authentication.audiences", hasItem("https://management.azure.com/"))
                .body("galleryEndpoint", equalTo("http://localhost:" + port + "/"))
                .body("mooringDataPlanes.eastus", equalTo("http://localhost:" + port + "/dataplane/eastus"));
    }

    @Test
    void newerVersionsGetTheListOfOneCloud() {
        anonymous().get("/metadata/endpoints?api-version=2022-09-01").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].name", equalTo("Mooring"))
                .body("[0].resourceManager", equalTo("http://localhost:" + port + "/"))
                .body("[0].authentication.audiences", hasItem("https://management.azure.com/"))
                .body("[0].mooringDataPlanes.westeurope", equalTo("http://localhost:" + port + "/dataplane/westeurope"));
    }

    @Test
    void otherPathsStillNeedAToken() {
        anonymous().get("/metadata/other").then().statusCode(401);
    }
}
