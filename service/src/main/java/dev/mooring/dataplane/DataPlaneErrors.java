package dev.mooring.dataplane;

import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmException;
import org.springframework.http.HttpStatus;

/** The data plane's error answers; messages never repeat tokens or keys. */
final class DataPlaneErrors {

    private DataPlaneErrors() {
    }

    static ArmException unauthorized(String code, String message) {
        return new ArmException(HttpStatus.UNAUTHORIZED, new ArmError(code, message));
    }

    static ArmException wrongRegion(String clusterRegion, String rightEndpoint) {
        return new ArmException(HttpStatus.MISDIRECTED_REQUEST, new ArmError("WrongRegion",
                "This cluster lives in region '" + clusterRegion + "'; call its data plane at '" + rightEndpoint + "'."));
    }

    static ArmException clusterDeleted() {
        return new ArmException(HttpStatus.GONE, new ArmError("ClusterDeleted",
                "The connected cluster this agent belongs to has been deleted. Stop and uninstall the agent."));
    }

    static ArmException unknownCluster() {
        return new ArmException(HttpStatus.NOT_FOUND, new ArmError("ClusterNotFound",
                "No connected cluster of that name exists. Create it through ARM before onboarding its agent."));
    }

    /** The web server gave up on a long-poll that its wait did not answer (a safety net: the wait answers first). */
    static ArmException longPollUnanswered() {
        return new ArmException(HttpStatus.SERVICE_UNAVAILABLE, new ArmError("ServiceUnavailable",
                "The long-poll was not answered in time. Poll again."));
    }
}
