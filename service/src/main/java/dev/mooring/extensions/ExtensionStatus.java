package dev.mooring.extensions;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of an extension's {@code statuses[]}, as its agent reported it (ARM's ExtensionStatus). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExtensionStatus(String code, String displayStatus, String level, String message, String time) {
}
