package dev.mooring.deploy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the agent chart's templates without Helm (no Helm binary runs on these machines), for the small subset of
 * Go templates the chart keeps to: {@code {{ .Values.a.b }}}, {@code .Release.Name}, {@code .Release.Namespace},
 * {@code .Chart.Name/Version/AppVersion}, the pipes {@code | quote} and {@code | b64enc}, {@code {{ if <value> }}} ...
 * {@code {{ end }}} (true when the value is set and not empty, as Helm's truthiness for strings), and whitespace
 * trimming with {@code {{-} and {@code -}}}. Anything else fails, so that the chart cannot drift beyond what this
 * checker understands unnoticed: keep templates that simple, or teach this class the new construct.
 */
final class HelmTemplates {

    private static final Pattern ACTION = Pattern.compile("\\{\\{(-?)\\s*(.*?)\\s*(-?)}}", Pattern.DOTALL);
    private static final Pattern VALUE = Pattern.compile("\\.(Values|Release|Chart)((?:\\.[A-Za-z][A-Za-z0-9_]*)+)");

    private HelmTemplates() {
    }

    /** Renders one template against {@code values} and the release and chart facts Helm passes. */
    static String render(String template, Map<String, Object> values, Map<String, Object> release, Map<String, Object> chart) {
        Map<String, Object> scope = Map.of("Values", values, "Release", release, "Chart", chart);
        StringBuilder out = new StringBuilder();
        Deque<Boolean> emitting = new ArrayDeque<>();
        emitting.push(true);
        Matcher matcher = ACTION.matcher(template);
        int position = 0;
        boolean trimNext = false;
        while (matcher.find()) {
            String text = template.substring(position, matcher.start());
            if (trimNext) {
                text = text.stripLeading();
            }
            if (!matcher.group(1).isEmpty()) {
                text = text.stripTrailing();
            }
            if (emitting.peek()) {
                out.append(text);
            }
            String action = matcher.group(2);
            if (action.startsWith("/*")) {
                // a comment
            } else if (action.startsWith("if ")) {
                emitting.push(emitting.peek() && truthy(evaluate(action.substring(3).strip(), scope)));
            } else if (action.equals("end")) {
                if (emitting.size() == 1) {
                    throw new IllegalArgumentException("{{ end }} without {{ if }}");
                }
                emitting.pop();
            } else if (emitting.peek()) {
                out.append(pipeline(action, scope));
            }
            trimNext = !matcher.group(3).isEmpty();
            position = matcher.end();
        }
        if (emitting.size() != 1) {
            throw new IllegalArgumentException("{{ if }} without {{ end }}");
        }
        String rest = template.substring(position);
        out.append(trimNext ? rest.stripLeading() : rest);
        return out.toString();
    }

    private static String pipeline(String action, Map<String, Object> scope) {
        String[] stages = action.split("\\|");
        Object value = evaluate(stages[0].strip(), scope);
        if (stages.length == 1 && value == null) {
            throw new IllegalArgumentException("{{ " + action + " }} has no value (Helm would print <no value>)");
        }
        for (int i = 1; i < stages.length; i++) {
            String function = stages[i].strip();
            value = switch (function) {
                case "quote" -> quote(value == null ? "" : String.valueOf(value));
                case "b64enc" -> Base64.getEncoder().encodeToString(
                        (value == null ? "" : String.valueOf(value)).getBytes(StandardCharsets.UTF_8));
                default -> throw new IllegalArgumentException("Template function not understood by this checker: " + function);
            };
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Object evaluate(String expression, Map<String, Object> scope) {
        Matcher matcher = VALUE.matcher(expression);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Template expression not understood by this checker: " + expression);
        }
        Object current = scope.get(matcher.group(1));
        for (String step : matcher.group(2).substring(1).split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(step);
        }
        return current;
    }

    private static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case String s -> !s.isEmpty();
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case Map<?, ?> m -> !m.isEmpty();
            case java.util.Collection<?> c -> !c.isEmpty();
            default -> true;
        };
    }

    /** Go's %q, as Helm's quote: a double-quoted string with Go escapes (valid YAML double-quoted scalars). */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
