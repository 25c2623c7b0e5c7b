package dev.mooring.arm;

import dev.mooring.arm.errors.ArmException;
import java.util.LinkedHashMap;
import java.util.Map;

/** ARM's tag rules: at most 50 tags; names up to 512 characters without {@code < > % & \ ? /}; values up to 256. */
public final class Tags {

    static final int MAX_TAGS = 50;
    static final int MAX_NAME = 512;
    static final int MAX_VALUE = 256;
    private static final String FORBIDDEN = "<>%&\\?/";

    private Tags() {
    }

    /** The tags, checked; null stands for no tags. */
    public static Map<String, String> validate(Map<String, String> tags) {
        if (tags == null) {
            return Map.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw invalid("A resource can have at most " + MAX_TAGS + " tags; the request has " + tags.size() + ".");
        }
        Map<String, String> checked = new LinkedHashMap<>();
        tags.forEach((name, value) -> {
            if (name == null || name.isBlank() || name.length() > MAX_NAME) {
                throw invalid("Tag names must have 1 to " + MAX_NAME + " characters.");
            }
            if (name.chars().anyMatch(c -> FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c))) {
                throw invalid("The tag name '" + Bounded.text(name) + "' has one of the characters '<>%&\\?/', which are not allowed.");
            }
            String text = value == null ? "" : value;
            if (text.length() > MAX_VALUE) {
                throw invalid("The value of tag '" + Bounded.text(name) + "' is longer than " + MAX_VALUE + " characters.");
            }
            if (text.indexOf('\0') >= 0) {
                throw invalid("The value of tag '" + Bounded.text(name) + "' contains a NUL character, which is not allowed.");
            }
            checked.put(name, text);
        });
        return checked;
    }

    private static ArmException invalid(String message) {
        return ArmException.badRequest("InvalidTag", message, "tags");
    }
}
