package dev.mooring.tenancy;

import dev.mooring.arm.Bounded;
import dev.mooring.arm.errors.ArmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ARM's {@code $filter} on the generic resource list: clauses joined by {@code and}, each one of
 * {@code resourceType eq '...'}, {@code name eq '...'}, {@code substringof('...', name)},
 * {@code location eq '...'}, {@code resourceGroup eq '...'} ({@code az resource list -g} sends it to the
 * subscription's list), {@code tagName eq '...'} and {@code tagValue eq '...'}.
 */
record GenericResourceFilter(String resourceType, Predicate<TrackedResources.Resource> test) {

    private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern EQ = Pattern.compile("^(resourceType|name|location|resourceGroup|tagName|tagValue)\\s+eq\\s+'(.*)'$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBSTRING = Pattern.compile("^substringof\\(\\s*'(.*)'\\s*,\\s*name\\s*\\)$",
            Pattern.CASE_INSENSITIVE);

    static final GenericResourceFilter ALL = new GenericResourceFilter(null, r -> true);

    static GenericResourceFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return ALL;
        }
        List<Predicate<TrackedResources.Resource>> tests = new ArrayList<>();
        String type = null;
        String tagName = null;
        String tagValue = null;
        for (String clause : AND.split(filter.strip())) {
            Matcher eq = EQ.matcher(clause.strip());
            Matcher substring = SUBSTRING.matcher(clause.strip());
            if (substring.matches()) {
                String part = substring.group(1).toLowerCase(Locale.ROOT);
                tests.add(r -> r.name().toLowerCase(Locale.ROOT).contains(part));
            } else if (eq.matches()) {
                String value = eq.group(2);
                switch (eq.group(1).toLowerCase(Locale.ROOT)) {
                    case "resourcetype" -> {
                        type = value;
                        tests.add(r -> r.type().equalsIgnoreCase(value));
                    }
                    case "name" -> tests.add(r -> r.name().equalsIgnoreCase(value));
                    case "location" -> tests.add(r -> r.location().equalsIgnoreCase(value.replace(" ", "")));
                    case "resourcegroup" -> tests.add(r -> r.id().split("/")[4].equalsIgnoreCase(value));
                    case "tagname" -> tagName = value;
                    default -> tagValue = value;
                }
            } else {
                throw invalid(filter);
            }
        }
        if (tagValue != null && tagName == null) {
            throw invalid(filter);
        }
        if (tagName != null) {
            String name = tagName;
            String value = tagValue;
            tests.add(r -> r.tags().entrySet().stream().anyMatch(tag -> tag.getKey().equalsIgnoreCase(name)
                    && (value == null || tag.getValue().equals(value))));
        }
        return new GenericResourceFilter(type, tests.stream().reduce(r -> true, Predicate::and));
    }

    private static ArmException invalid(String filter) {
        return ArmException.badRequest("InvalidFilterInQueryString", "The $filter '" + Bounded.text(filter)
                + "' is not supported. Use resourceType eq, name eq, substringof('...', name), location eq,"
                + " resourceGroup eq, tagName eq [and tagValue eq], joined by 'and'.", "$filter");
    }
}
