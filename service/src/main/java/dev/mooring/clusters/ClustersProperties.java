package dev.mooring.clusters;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Connected clusters ({@code mooring.clusters.*}).
 *
 * @param connectedWithin a cluster whose agent was heard within this reads Connected, later Offline (as Arc: 15 min)
 */
@ConfigurationProperties("mooring.clusters")
@Validated
public record ClustersProperties(@DefaultValue("15m") @NotNull Duration connectedWithin) {
}
