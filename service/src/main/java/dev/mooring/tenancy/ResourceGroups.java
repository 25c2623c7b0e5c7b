package dev.mooring.tenancy;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.ArmAction;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.pipeline.ArmRequest;
import dev.mooring.arm.operations.AsyncOperation;
import dev.mooring.arm.operations.AsyncOperations;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.paging.Paging;
import dev.mooring.arm.Preconditions;
import dev.mooring.arm.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Resource groups: create or replace, read, patch, list, and delete through an asynchronous operation. */
@Service
public class ResourceGroups {

    static final String DELETE_KIND = "Microsoft.Resources/resourceGroups/delete";

    /** 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.' (Unicode letters and digits count). */
    private static final Pattern NAME = Pattern.compile("^[-\\w._()]{1,90}$", Pattern.UNICODE_CHARACTER_CLASS);

    /** What a PUT did, so the caller can answer 201 or 200. */
    record Written(ResourceGroup group, boolean created) {
    }

    private final ResourceGroupRepository repository;
    private final Regions regions;
    private final AsyncOperations operations;
    private final ArmAuthorizer authorizer;
    private final Clock clock;

    ResourceGroups(ResourceGroupRepository repository, Regions regions, AsyncOperations operations,
            ArmAuthorizer authorizer, Clock clock) {
        this.repository = repository;
        this.regions = regions;
        this.operations = operations;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    /** Whether the group exists (used by other features to check a parent before they write under it). */
    @Transactional(readOnly = true)
    public boolean exists(UUID subscriptionId, String name) {
        return repository.findById(ResourceGroup.Key.of(subscriptionId, name)).isPresent();
    }

    @Transactional
    Written createOrReplace(UUID subscriptionId, String name, ResourceGroupView.Request body, ArmContext context) {
        requireValidName(name);
        if (body == null) {
            throw ArmException.badRequest("InvalidRequestContent", "The request content is missing.", null);
        }
        String location = regions.requireKnown(body.location()).name();
        var tags = Tags.validate(body.tags());
        ResourceGroup existing = repository.findById(ResourceGroup.Key.of(subscriptionId, name)).orElse(null);
        context.preconditions().check(existing == null ? null : existing.etag());
        if (existing == null) {
            return new Written(repository.save(new ResourceGroup(subscriptionId, name, location, tags, body.managedBy(),
                    context.caller().actor(), clock.instant())), true);
        }
        requireNotDeleting(existing);
        if (!existing.location().equals(location)) {
            throw new ArmException(HttpStatus.CONFLICT, "InvalidResourceGroupLocation", "Invalid resource group location '"
                    + Bounded.text(body.location()) + "'. The Resource group already exists in location '"
                    + existing.location() + "' in resource group '" + existing.name()
                    + "'. A resource group's location cannot be changed.");
        }
        existing.replace(name, tags, body.managedBy(), context.caller().actor(), clock.instant());
        return new Written(repository.saveAndFlush(existing), false);
    }

    @Transactional(readOnly = true)
    Optional<ResourceGroup> find(UUID subscriptionId, String name) {
        return repository.findById(ResourceGroup.Key.of(subscriptionId, name));
    }

    /** Replaces the group's tags (the tags resource's writes), with the same checks as a PATCH. */
    @Transactional
    ResourceGroup replaceTags(UUID subscriptionId, String name, Map<String, String> tags, ArmContext context) {
        ResourceGroup group = get(subscriptionId, name);
        requireNotDeleting(group);
        group.patch(tags, group.managedBy(), context.caller().actor(), clock.instant());
        return repository.saveAndFlush(group);
    }

    @Transactional(readOnly = true)
    ResourceGroup get(UUID subscriptionId, String name) {
        return repository.findById(ResourceGroup.Key.of(subscriptionId, name)).orElseThrow(() -> notFound(name));
    }

    @Transactional
    ResourceGroup patch(UUID subscriptionId, String name, ResourceGroupView.Patch body, ArmContext context) {
        ResourceGroup group = get(subscriptionId, name);
        context.preconditions().check(group.etag());
        requireNotDeleting(group);
        if (body == null) {
            throw ArmException.badRequest("InvalidRequestContent", "The request content is missing.", null);
        }
        if (body.location() != null && !regions.requireKnown(body.location()).name().equals(group.location())) {
            throw ArmException.badRequest("InvalidResourceGroupLocation",
                    "A resource group's location cannot be changed.", "location");
        }
        group.patch(body.tags() == null ? null : Tags.validate(body.tags()), body.managedBy(), context.caller().actor(),
                clock.instant());
        return repository.saveAndFlush(group);
    }

    /** Marks the group Deleting and starts the operation that deletes it and everything in it. */
    @Transactional
    AsyncOperation startDelete(UUID subscriptionId, String name, ArmContext context) {
        ResourceGroup group = get(subscriptionId, name);
        context.preconditions().check(group.etag());
        requireNotDeleting(group);
        group.markDeleting(context.caller().actor(), clock.instant());
        repository.saveAndFlush(group);
        return operations.start(new AsyncOperations.Start(DELETE_KIND, group.id(), subscriptionId, "Microsoft.Resources",
                group.location(), context.apiVersion(), UUID.fromString(context.caller().tenantId()), context.caller().objectId(),
                java.time.Duration.ZERO));
    }

    /**
     * A page of the groups the caller may read: all of them with read access on the subscription,
     * otherwise those where the caller holds read access on the group itself.
     */
    @Transactional(readOnly = true)
    Paging.Page<ResourceGroupView> list(UUID subscriptionId, String tagName, String tagValue, ArmContext context) {
        Paging.Request page = context.page();
        boolean readsAll = authorizer.allows(context.caller(), ArmAction.RESOURCE_GROUPS_READ.action(), "/subscriptions/" + subscriptionId);
        List<ResourceGroup> rows = new ArrayList<>();
        String after = page.after() == null ? "" : page.after();
        while (rows.size() < page.fetchSize()) {
            List<ResourceGroup> batch = repository.page(subscriptionId, after, tagName, tagValue, page.fetchSize());
            for (ResourceGroup group : batch) {
                if (rows.size() < page.fetchSize() && (readsAll
                        || authorizer.allows(context.caller(), ArmAction.RESOURCE_GROUPS_READ.action(), group.id()))) {
                    rows.add(group);
                }
            }
            if (batch.size() < page.fetchSize()) {
                break;
            }
            after = batch.getLast().key().nameKey();
        }
        return Paging.page(rows, page, g -> g.key().nameKey(), ResourceGroupView::of, context.requestUrl());
    }

    private static void requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.endsWith(".") || !lowerCasesCharByChar(name)) {
            throw ArmException.badRequest("InvalidResourceGroup", "The provided resource group name '"
                    + Bounded.text(name) + "' is not valid. It must have 1 to 90 letters, digits, '-', '.', '(', ')'"
                    + " or '_', and must not end with '.'.", "resourceGroupName");
        }
    }

    /**
     * Names are matched by their lower case, in Java and in PostgreSQL alike; a name with a context-dependent or
     * multi-character lower case ('İ', a final 'Σ') has no single lower case both agree on.
     */
    private static boolean lowerCasesCharByChar(String name) {
        StringBuilder lower = new StringBuilder(name.length());
        name.codePoints().map(Character::toLowerCase).forEach(lower::appendCodePoint);
        return lower.toString().equals(name.toLowerCase(Locale.ROOT));
    }

    private static void requireNotDeleting(ResourceGroup group) {
        if (group.isDeleting()) {
            throw beingDeleted(group.name());
        }
    }

    static ArmException beingDeleted(String name) {
        return new ArmException(HttpStatus.CONFLICT, "ResourceGroupBeingDeleted", "The resource group '"
                + Bounded.text(name) + "' is in deprovisioning state and cannot perform this operation.");
    }

    static ArmException notFound(String name) {
        return ArmException.notFound("ResourceGroupNotFound",
                "Resource group '" + Bounded.text(name) + "' could not be found.");
    }
}
