package dev.mooring.inventory;

import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built from conditions joined with AND, with its positional arguments in order. */
final class Sql {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    Sql and(String condition, Object... values) {
        conditions.add(condition);
        args.addAll(List.of(values));
        return this;
    }

    String where() {
        return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
    }

    List<Object> args() {
        return args;
    }
}
