package dev.mooring.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a JSON object column ({@code jsonb}) as a map. Pair it with
 * {@code @ColumnTransformer(write = "?::jsonb")} so PostgreSQL receives jsonb, not text.
 */
@Converter
public class JsonMapConverter implements AttributeConverter<Map<String, Object>, String> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** A stored JSON object of strings (tags, miscellaneous properties) as a string map; nulls read as "". */
    public static Map<String, String> asStrings(Map<String, Object> stored) {
        Map<String, String> strings = new LinkedHashMap<>();
        stored.forEach((key, value) -> strings.put(key, value == null ? "" : value.toString()));
        return strings;
    }

    @Override
    public String convertToDatabaseColumn(Map<String, Object> value) {
        return JSON.writeValueAsString(value == null ? Map.of() : value);
    }

    @Override
    public Map<String, Object> convertToEntityAttribute(String column) {
        return column == null || column.isBlank() ? new LinkedHashMap<>() : JSON.readValue(column, MAP);
    }
}
