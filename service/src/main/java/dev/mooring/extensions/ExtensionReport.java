package dev.mooring.extensions;

import dev.mooring.arm.JsonFields;
import dev.mooring.arm.errors.ArmException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the agent reports about one extension (docs/data-plane.md): {@code installState} Pending, Installed or
 * Failed, the installed {@code version}, its {@code statuses[]} and, when it failed, {@code errorInfo}.
 */
record ExtensionReport(String installState, String version, List<ExtensionStatus> statuses, String errorCode,
        String errorMessage) {

    static final String PENDING = "Pending";
    static final String INSTALLED = "Installed";
    static final String FAILED = "Failed";
    static final int MAX_STATUSES = 50;

    static ExtensionReport read(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ArmException.badRequest("InvalidRequestContent", "A status report needs an 'installState'.",
                    "installState");
        }
        JsonFields.requireObject(body, "body");
        String state = JsonFields.oneOf(JsonFields.string(body, "installState", "installState"),
                List.of(PENDING, INSTALLED, FAILED), "installState");
        if (state == null) {
            throw ArmException.badRequest("InvalidRequestContent", "A status report needs an 'installState'.",
                    "installState");
        }
        String version = JsonFields.string(body, "version", "version");
        JsonNode error = JsonFields.object(body, "errorInfo", "errorInfo");
        return new ExtensionReport(state, version, statuses(body),
                JsonFields.string(error, "code", "errorInfo.code"), JsonFields.string(error, "message", "errorInfo.message"));
    }

    private static List<ExtensionStatus> statuses(JsonNode body) {
        JsonNode node = body.get("statuses");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() > MAX_STATUSES) {
            throw ArmException.badRequest("InvalidRequestContent", "'statuses' must be an array of at most "
                    + MAX_STATUSES + " objects.", "statuses");
        }
        List<ExtensionStatus> statuses = new ArrayList<>();
        for (JsonNode item : node) {
            JsonFields.requireObject(item, "statuses[]");
            statuses.add(new ExtensionStatus(JsonFields.string(item, "code", "statuses.code"),
                    JsonFields.string(item, "displayStatus", "statuses.displayStatus"),
                    JsonFields.oneOf(JsonFields.string(item, "level", "statuses.level"),
                            List.of("Error", "Warning", "Information"), "statuses.level"),
                    JsonFields.string(item, "message", "statuses.message"),
                    JsonFields.string(item, "time", "statuses.time")));
        }
        return statuses;
    }
}
