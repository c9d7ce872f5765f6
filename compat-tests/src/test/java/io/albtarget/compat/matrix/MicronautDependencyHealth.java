package io.albtarget.compat.matrix;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** The application's {@link HealthDependency} as a Micronaut management health indicator. */
@Singleton
final class MicronautDependencyHealth implements HealthIndicator {

    private final HealthDependency dependency;

    MicronautDependencyHealth(HealthDependency dependency) {
        this.dependency = dependency;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(() -> dependency.answered()
                .thenApply(answered -> HealthResult.builder("dependency", HealthStatus.UP).build()));
    }
}
