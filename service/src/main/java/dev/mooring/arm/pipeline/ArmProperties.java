package dev.mooring.arm.pipeline;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The ARM front door ({@code mooring.arm.*}).
 *
 * @param maxRequestBody larger request bodies are refused with 413 before they are read
 */
@ConfigurationProperties("mooring.arm")
@Validated
public record ArmProperties(@DefaultValue("4MB") @NotNull DataSize maxRequestBody) {
}
