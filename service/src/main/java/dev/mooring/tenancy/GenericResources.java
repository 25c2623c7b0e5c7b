package dev.mooring.tenancy;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.paging.Paging;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * ARM's generic resource list over every resource type whose feature implements {@link TrackedResources}: types in
 * name order, each type's resources in key order, so one keyset cursor ({@code type|key}) pages across them all.
 */
@Service
class GenericResources {

    private static final Set<String> EXPANDABLE = Set.of("createdtime", "changedtime", "provisioningstate");

    private final List<TrackedResources> types;
    private final ResourceGroups groups;

    GenericResources(ObjectProvider<TrackedResources> types, ResourceGroups groups) {
        this.types = types.orderedStream().sorted(Comparator.comparing(t -> t.type().toLowerCase(Locale.ROOT))).toList();
        this.groups = groups;
    }

    @Transactional(readOnly = true)
    Paging.Page<Map<String, Object>> list(UUID subscriptionId, String resourceGroup, String filter, String expand,
            ArmContext context) {
        GenericResourceFilter wanted = GenericResourceFilter.parse(filter);
        Set<String> expanded = expansions(expand);
        if (resourceGroup != null && !groups.exists(subscriptionId, resourceGroup)) {
            throw ArmException.notFound("ResourceGroupNotFound", "Resource group '" + Bounded.text(resourceGroup)
                    + "' could not be found.");
        }
        Paging.Request page = context.page();
        String after = page.after() == null ? "|" : page.after();
        int separator = after.indexOf('|');
        if (separator < 0) {
            throw Paging.invalidSkipToken();
        }
        String afterType = after.substring(0, separator);
        String afterKey = after.substring(separator + 1);
        List<TrackedResources.Resource> rows = new ArrayList<>();
        for (TrackedResources type : types) {
            String typeKey = type.type().toLowerCase(Locale.ROOT);
            if (typeKey.compareTo(afterType) < 0 || (wanted.resourceType() != null
                    && !type.type().equalsIgnoreCase(wanted.resourceType()))) {
                continue;
            }
            String from = typeKey.equals(afterType) ? afterKey : "";
            while (rows.size() < page.fetchSize()) {
                TrackedResources.Batch batch = type.page(subscriptionId, resourceGroup, from, page.fetchSize(),
                        context.caller());
                batch.readable().stream().filter(wanted.test()).limit(page.fetchSize() - rows.size()).forEach(rows::add);
                if (batch.exhausted()) {
                    break;
                }
                from = batch.lastKey();
            }
        }
        return Paging.page(rows, page, r -> r.type().toLowerCase(Locale.ROOT) + "|" + r.key(),
                r -> view(r, expanded), context.requestUrl());
    }

    private static Set<String> expansions(String expand) {
        if (expand == null || expand.isBlank()) {
            return Set.of();
        }
        Set<String> names = java.util.Arrays.stream(expand.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        if (!EXPANDABLE.containsAll(names)) {
            throw ArmException.badRequest("InvalidParameter", "The $expand '" + Bounded.text(expand)
                    + "' is not supported. Use createdTime, changedTime, provisioningState.", "$expand");
        }
        return names;
    }

    private static Map<String, Object> view(TrackedResources.Resource r, Set<String> expanded) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", r.id());
        view.put("name", r.name());
        view.put("type", r.type());
        if (r.kind() != null) {
            view.put("kind", r.kind());
        }
        view.put("location", r.location());
        view.put("tags", r.tags());
        if (r.identity() != null) {
            view.put("identity", r.identity());
        }
        if (expanded.contains("createdtime")) {
            view.put("createdTime", r.createdTime());
        }
        if (expanded.contains("changedtime")) {
            view.put("changedTime", r.changedTime());
        }
        if (expanded.contains("provisioningstate")) {
            view.put("provisioningState", r.provisioningState());
        }
        return view;
    }
}
