package io.albtarget.micronaut;

import io.albtarget.AlbTarget;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import java.util.List;

/**
 * Registers Micronaut management's health indicators with the target's health when the application has
 * micronaut-management, each as a {@link MicronautIndicator}, when the context starts.
 */
@Context
@Requires(classes = HealthIndicator.class)
@Requires(beans = AlbTarget.class)
final class ManagementHealthIndicators {

    ManagementHealthIndicators(AlbTarget target, List<HealthIndicator> indicators) {
        indicators.forEach(indicator -> target.health().register(new MicronautIndicator(indicator)));
    }
}
