package dev.mooring.extensions;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores an extension's {@code statuses[]} as a jsonb array. */
@Converter
class StatusesConverter implements AttributeConverter<List<ExtensionStatus>, String> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<ExtensionStatus>> LIST = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<ExtensionStatus> value) {
        return JSON.writeValueAsString(value == null ? List.of() : value);
    }

    @Override
    public List<ExtensionStatus> convertToEntityAttribute(String column) {
        return column == null || column.isBlank() ? List.of() : JSON.readValue(column, LIST);
    }
}
