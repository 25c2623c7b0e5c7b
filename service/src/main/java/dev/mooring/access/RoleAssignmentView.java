package dev.mooring.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A role assignment in the Microsoft.Authorization wire shape. */
record RoleAssignmentView(String id, String name, String type, Properties properties) {

    static final String TYPE = "Microsoft.Authorization/roleAssignments";

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Properties(String roleDefinitionId, String principalId, String principalType, String scope, String condition,
            String conditionVersion, Instant createdOn, Instant updatedOn, String createdBy, String updatedBy,
            String delegatedManagedIdentityResourceId, String description) {
    }

    /** The request body of PUT (only {@code properties} matters). */
    record Request(RequestProperties properties) {
    }

    record RequestProperties(String roleDefinitionId, String principalId, String principalType, String description,
            String condition, String conditionVersion) {
    }

    static RoleAssignmentView of(RoleAssignment assignment) {
        String id = assignment.scope() + "/providers/Microsoft.Authorization/roleAssignments/" + assignment.id();
        String roleDefinitionId = "/subscriptions/" + assignment.subscriptionId()
                + "/providers/Microsoft.Authorization/roleDefinitions/" + assignment.roleDefinitionId();
        return new RoleAssignmentView(id, assignment.id().toString(), TYPE, new Properties(roleDefinitionId,
                assignment.principalId().toString(), assignment.principalType(), assignment.scope(), null, null,
                assignment.createdAt(), assignment.updatedAt(), assignment.createdBy(), assignment.updatedBy(), null,
                assignment.description()));
    }
}
