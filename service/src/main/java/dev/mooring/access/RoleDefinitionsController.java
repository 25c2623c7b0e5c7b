package dev.mooring.access;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.Guids;
import dev.mooring.arm.ArmAction;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.pipeline.ArmRequest;
import dev.mooring.arm.Bounded;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The built-in role definitions, readable by every authenticated caller as in Azure. */
@RestController
class RoleDefinitionsController {

    static final String SUFFIX = "/providers/Microsoft.Authorization/roleDefinitions";
    private static final String SUB = "/subscriptions/{subscriptionId}";
    private static final String RG = SUB + "/resourceGroups/{resourceGroupName}";
    private static final Pattern ROLE_NAME_FILTER = Pattern.compile("rolename\\s+eq\\s+'([^']*)'");

    record View(String id, String name, String type, Properties properties) {
        record Properties(String roleName, String type, String description, List<String> assignableScopes,
                List<Permission> permissions) {
        }

        record Permission(List<String> actions, List<String> notActions, List<String> dataActions,
                List<String> notDataActions) {
        }

        /** Built-in roles carry the subscription-level id at every scope below a subscription, as ARM returns them. */
        static View of(RoleDefinition role, String scope) {
            String prefix = scope.equals("/") || scope.isEmpty() ? "" : "/subscriptions/" + Scopes.subscriptionOf(scope);
            return new View(prefix + SUFFIX + "/" + role.id(), role.id().toString(),
                    "Microsoft.Authorization/roleDefinitions",
                    new Properties(role.roleName(), "BuiltInRole", role.description(), List.of("/"),
                            List.of(new Permission(role.actions(), role.notActions(), role.dataActions(),
                                    role.notDataActions()))));
        }
    }

    record Page(List<View> value) {
    }

    @GetMapping({SUFFIX, SUB + SUFFIX, RG + SUFFIX})
    @ArmOperation(resourceType = AccessApiVersions.ROLE_DEFINITIONS, actions = ArmAction.ROLE_DEFINITIONS_READ,
            authorization = ArmOperation.Authorization.AUTHENTICATED)
    Page list(@RequestParam(name = "$filter", required = false) String filter, ArmContext context) {
        String scope = Scopes.before(context.scope(), SUFFIX);
        List<RoleDefinition> roles = BuiltInRoles.ALL;
        if (filter != null && !filter.isBlank()) {
            String normalized = filter.strip().toLowerCase(Locale.ROOT);
            Matcher byName = ROLE_NAME_FILTER.matcher(normalized);
            if (byName.matches()) {
                roles = roles.stream().filter(r -> r.roleName().toLowerCase(Locale.ROOT).equals(byName.group(1))).toList();
            } else if (!normalized.equals("type eq 'builtinrole'")) {
                throw ArmException.badRequest("InvalidFilter", "The $filter '" + Bounded.text(filter)
                        + "' is not supported. Use roleName eq '{name}' or type eq 'BuiltInRole'.", "$filter");
            }
        }
        return new Page(roles.stream().map(role -> View.of(role, scope)).toList());
    }

    @GetMapping({SUFFIX + "/{roleDefinitionId}", SUB + SUFFIX + "/{roleDefinitionId}", RG + SUFFIX + "/{roleDefinitionId}"})
    @ArmOperation(resourceType = AccessApiVersions.ROLE_DEFINITIONS, actions = ArmAction.ROLE_DEFINITIONS_READ,
            authorization = ArmOperation.Authorization.AUTHENTICATED)
    View get(@PathVariable String roleDefinitionId, ArmContext context) {
        String scope = Scopes.before(context.scope(), SUFFIX);
        java.util.UUID id = Guids.parse(roleDefinitionId);
        return BuiltInRoles.byId(id == null ? new java.util.UUID(0, 0) : id).map(role -> View.of(role, scope))
                .orElseThrow(() -> ArmException.notFound("RoleDefinitionDoesNotExist",
                        "The role definition '" + Bounded.text(roleDefinitionId) + "' does not exist."));
    }
}
