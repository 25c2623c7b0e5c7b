package dev.mooring.access;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A role: the actions it grants minus its notActions. Action patterns match case-insensitively and
 * {@code *} stands for any run of characters, as in Azure RBAC.
 */
record RoleDefinition(UUID id, String roleName, String description, List<String> actions, List<String> notActions,
        List<String> dataActions, List<String> notDataActions) {

    RoleDefinition {
        actions = List.copyOf(actions);
        notActions = List.copyOf(notActions);
        dataActions = List.copyOf(dataActions);
        notDataActions = List.copyOf(notDataActions);
    }

    boolean permits(String action) {
        return actions.stream().anyMatch(pattern -> matches(pattern, action))
                && notActions.stream().noneMatch(pattern -> matches(pattern, action));
    }

    static boolean matches(String pattern, String action) {
        return compile(pattern).matcher(action).matches();
    }

    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private static Pattern compile(String pattern) {
        return COMPILED.computeIfAbsent(pattern, RoleDefinition::toRegex);
    }

    private static Pattern toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part.toLowerCase(Locale.ROOT)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
