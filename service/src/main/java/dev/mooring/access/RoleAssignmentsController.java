package dev.mooring.access;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.Guids;
import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.errors.ArmErrors;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.pipeline.ArmRequest;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.paging.Paging;
import dev.mooring.arm.ScopeResolver;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code {scope}/providers/Microsoft.Authorization/roleAssignments[/{name}]} at subscription, resource
 * group, resource and extension-resource scope. Creating or deleting needs
 * {@code Microsoft.Authorization/roleAssignments/write|delete} at the scope, or a platform administrator.
 */
@RestController
class RoleAssignmentsController {

    static final String SUFFIX = "/providers/Microsoft.Authorization/roleAssignments";
    private static final String SUB = "/subscriptions/{subscriptionId}";
    private static final String RG = SUB + "/resourceGroups/{resourceGroupName}";
    private static final String RES = RG + "/providers/{resourceNamespace}/{resourceType}/{resourceName}";
    private static final String EXT = RES + "/providers/{extensionNamespace}/{extensionType}/{extensionName}";
    private static final String ITEM = "/{roleAssignmentName}";

    private static final Set<String> PRINCIPAL_TYPES = Set.of("User", "Group", "ServicePrincipal", "ForeignGroup", "Device");
    private static final Pattern PRINCIPAL_FILTER = Pattern.compile("(?:principalid\\s+eq\\s+|assignedto\\()'([^']*)'\\)?");

    private final RoleAssignments assignments;
    private final ArmAuthorizer authorizer;
    private final List<ScopeResolver> scopes;
    private final FirstOwnerSeeding firstOwnerSeeding;
    private final Clock clock;

    RoleAssignmentsController(RoleAssignments assignments, ArmAuthorizer authorizer, List<ScopeResolver> scopes,
            FirstOwnerSeeding firstOwnerSeeding, Clock clock) {
        this.assignments = assignments;
        this.authorizer = authorizer;
        this.scopes = scopes;
        this.firstOwnerSeeding = firstOwnerSeeding;
        this.clock = clock;
    }

    @PutMapping({SUB + SUFFIX + ITEM, RG + SUFFIX + ITEM, RES + SUFFIX + ITEM, EXT + SUFFIX + ITEM})
    @ArmOperation(resourceType = AccessApiVersions.ROLE_ASSIGNMENTS, actions = ArmAction.ROLE_ASSIGNMENTS_WRITE,
            authorization = ArmOperation.Authorization.IN_HANDLER)
    @Transactional
    ResponseEntity<RoleAssignmentView> create(@PathVariable String roleAssignmentName,
            @RequestBody(required = false) RoleAssignmentView.Request body, ArmContext context) {
        String scope = Scopes.before(context.scope(), SUFFIX);
        UUID id = assignmentId(roleAssignmentName);
        CallerIdentity caller = context.caller();
        boolean seeding = caller.isPlatformAdmin()
                && !authorizer.allows(caller, ArmAction.ROLE_ASSIGNMENTS_WRITE.action(), scope);
        if (!seeding) {
            authorizer.require(caller, ArmAction.ROLE_ASSIGNMENTS_WRITE, scope);
        }
        RoleAssignmentView.RequestProperties properties = body == null ? null : body.properties();
        if (properties == null) {
            throw ArmException.badRequest("InvalidRequestContent",
                    "The request content must have a 'properties' object.", "properties");
        }
        UUID roleDefinition = roleDefinitionId(properties.roleDefinitionId());
        if (seeding) {
            firstOwnerSeeding.require(caller, scope, roleDefinition);
        }
        UUID principal = principalId(properties.principalId());
        String principalType = principalType(properties.principalType());
        if (properties.condition() != null && !properties.condition().isBlank()) {
            throw ArmException.badRequest("InvalidRoleAssignmentRequest",
                    "Role assignment conditions are not supported by Mooring.", "properties.condition");
        }
        requireScopeExists(scope);
        Optional<RoleAssignment> existing = assignments.find(id);
        if (existing.isPresent()) {
            RoleAssignment current = existing.get();
            boolean same = current.scopeKey().equals(scope.toLowerCase(Locale.ROOT))
                    && current.roleDefinitionId().equals(roleDefinition) && current.principalId().equals(principal);
            if (!same) {
                throw ArmException.badRequest("RoleAssignmentUpdateNotPermitted",
                        "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.", null);
            }
            return ResponseEntity.ok(RoleAssignmentView.of(current));
        }
        UUID tenant = context.tenant();
        RoleAssignment created = new RoleAssignment(id, scope, UUID.fromString(Scopes.subscriptionOf(scope)),
                roleDefinition, principal, principalType, tenant, properties.description(), context.caller().objectId(),
                clock.instant());
        if (assignments.visible(tenant, List.of(scope.toLowerCase(Locale.ROOT)), false, scope.toLowerCase(Locale.ROOT),
                principal, null, Integer.MAX_VALUE).stream().anyMatch(a -> a.roleDefinitionId().equals(roleDefinition))) {
            throw new ArmException(HttpStatus.CONFLICT, "RoleAssignmentExists", "The role assignment already exists.");
        }
        RoleAssignment saved = assignments.save(created);
        if (seeding) {
            firstOwnerSeeding.record(caller, saved);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(RoleAssignmentView.of(saved));
    }

    @GetMapping({SUB + SUFFIX + ITEM, RG + SUFFIX + ITEM, RES + SUFFIX + ITEM, EXT + SUFFIX + ITEM})
    @ArmOperation(resourceType = AccessApiVersions.ROLE_ASSIGNMENTS, actions = ArmAction.ROLE_ASSIGNMENTS_READ)
    @Transactional(readOnly = true)
    RoleAssignmentView get(@PathVariable String roleAssignmentName, ArmContext context) {
        String scope = Scopes.before(context.scope(), SUFFIX);
        return RoleAssignmentView.of(atScope(assignmentId(roleAssignmentName), scope)
                .orElseThrow(() -> notFound(roleAssignmentName)));
    }

    @DeleteMapping({SUB + SUFFIX + ITEM, RG + SUFFIX + ITEM, RES + SUFFIX + ITEM, EXT + SUFFIX + ITEM})
    @ArmOperation(resourceType = AccessApiVersions.ROLE_ASSIGNMENTS, actions = ArmAction.ROLE_ASSIGNMENTS_DELETE,
            authorization = ArmOperation.Authorization.IN_HANDLER)
    @Transactional
    ResponseEntity<RoleAssignmentView> delete(@PathVariable String roleAssignmentName,
            ArmContext context) {
        String scope = Scopes.before(context.scope(), SUFFIX);
        authorizer.require(context.caller(), ArmAction.ROLE_ASSIGNMENTS_DELETE, scope);
        Optional<RoleAssignment> found = atScope(assignmentId(roleAssignmentName), scope);
        if (found.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        assignments.delete(found.get());
        return ResponseEntity.ok(RoleAssignmentView.of(found.get()));
    }

    @GetMapping({SUB + SUFFIX, RG + SUFFIX, RES + SUFFIX, EXT + SUFFIX})
    @ArmOperation(resourceType = AccessApiVersions.ROLE_ASSIGNMENTS, actions = ArmAction.ROLE_ASSIGNMENTS_READ)
    @Transactional(readOnly = true)
    Paging.Page<RoleAssignmentView> list(@RequestParam(name = "$filter", required = false) String filter,
            ArmContext context) {
        String scope = Scopes.before(context.scope(), SUFFIX);
        String normalized = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        boolean atScopeOnly = false;
        UUID principal = null;
        for (String term : normalized.isEmpty() ? new String[0] : normalized.split("\\s+and\\s+")) {
            Matcher matcher = PRINCIPAL_FILTER.matcher(term.strip());
            if (term.strip().equals("atscope()")) {
                atScopeOnly = true;
            } else if (matcher.matches() && Guids.parse(matcher.group(1)) != null) {
                principal = Guids.parse(matcher.group(1));
            } else {
                throw ArmException.badRequest("InvalidFilter", "The $filter '" + Bounded.text(filter)
                        + "' is not supported. Use atScope(), principalId eq '{id}' or assignedTo('{id}').", "$filter");
            }
        }
        Paging.Request page = context.page();
        UUID tenant = context.tenant();
        UUID after = page.after() == null ? null : Guids.parse(page.after());
        List<RoleAssignment> rows = assignments.visible(tenant, Scopes.selfAndAncestors(scope), !atScopeOnly,
                scope.toLowerCase(Locale.ROOT), principal, after, page.fetchSize());
        return Paging.page(rows, page, a -> a.id().toString(), RoleAssignmentView::of, context.requestUrl());
    }

    private Optional<RoleAssignment> atScope(UUID id, String scope) {
        return assignments.find(id).filter(a -> a.scopeKey().equals(scope.toLowerCase(Locale.ROOT)));
    }

    private void requireScopeExists(String scope) {
        if (Scopes.selfAndAncestors(scope).size() <= 2) {
            return; // the subscription itself, checked by the subscription step
        }
        boolean exists = scopes.stream().map(resolver -> resolver.exists(scope)).flatMap(Optional::stream)
                .findFirst().orElse(false);
        if (!exists) {
            throw ArmException.notFound("ResourceNotFound", "The scope '" + Bounded.text(scope) + "' does not exist.");
        }
    }

    private static UUID assignmentId(String name) {
        UUID id = Guids.parse(name);
        if (id == null) {
            throw ArmException.badRequest("InvalidRoleAssignmentId", "The role assignment ID '" + Bounded.text(name)
                    + "' is not valid. The role assignment ID must be a GUID.", "roleAssignmentName");
        }
        return id;
    }

    private static UUID roleDefinitionId(String value) {
        String last = value == null ? "" : value.substring(value.lastIndexOf('/') + 1);
        UUID id = Guids.parse(last);
        if (id == null || BuiltInRoles.byId(id).isEmpty()) {
            throw ArmException.badRequest("RoleDefinitionDoesNotExist", "The specified role definition with ID '"
                    + Bounded.text(value) + "' does not exist.", "properties.roleDefinitionId");
        }
        return id;
    }

    private static UUID principalId(String value) {
        UUID id = Guids.parse(value);
        if (id == null) {
            throw ArmException.badRequest("InvalidPrincipalId",
                    "A valid principal ID (a GUID) must be provided for role assignment.", "properties.principalId");
        }
        return id;
    }

    private static String principalType(String value) {
        if (value == null || value.isBlank()) {
            return "User";
        }
        return PRINCIPAL_TYPES.stream().filter(type -> type.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> ArmException.badRequest("InvalidPrincipalType", "The principal type '"
                        + Bounded.text(value) + "' is not one of " + PRINCIPAL_TYPES + ".", "properties.principalType"));
    }

    private static ArmException notFound(String name) {
        return ArmException.notFound("RoleAssignmentNotFound",
                "The role assignment '" + Bounded.text(name) + "' is not found.");
    }
}
