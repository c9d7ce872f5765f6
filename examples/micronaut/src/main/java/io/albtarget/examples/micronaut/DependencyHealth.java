package io.albtarget.examples.micronaut;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;

/**
 * A health indicator standing for a dependency of the service, whose state {@code POST /dependency/{state}} sets:
 * {@code up}, {@code down}, or {@code slow} (it answers UP after a minute, as a dependency that hangs would). Through
 * albtarget it decides the ALB's health check, within {@code alb.health.deadline} whatever it does.
 */
@Controller("/dependency")
@Produces(MediaType.TEXT_PLAIN)
final class DependencyHealth implements HealthIndicator {

    private static final String NAME = "dependency";
    private static final Duration SLOW = Duration.ofMinutes(1);

    /** What the dependency does when asked. */
    enum State {
        UP,
        DOWN,
        SLOW
    }

    private volatile State state = State.UP;

    @Override
    public Publisher<HealthResult> getResult() {
        return switch (state) {
            case UP -> Publishers.just(HealthResult.builder(NAME, HealthStatus.UP).build());
            case DOWN -> Publishers.just(HealthResult.builder(NAME, HealthStatus.DOWN)
                    .details(Map.of("reason", "set down through POST /dependency/down")).build());
            case SLOW -> Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(
                    () -> HealthResult.builder(NAME, HealthStatus.UP).build(),
                    CompletableFuture.delayedExecutor(SLOW.toMillis(), TimeUnit.MILLISECONDS)));
        };
    }

    @Post("/{state}")
    HttpResponse<String> set(@PathVariable("state") String name) {
        for (State candidate : State.values()) {
            if (candidate.name().equalsIgnoreCase(name)) {
                state = candidate;
                return HttpResponse.ok("dependency " + name.toLowerCase(Locale.ROOT) + "\n");
            }
        }
        return HttpResponse.badRequest("state must be up, down or slow, but was '"
                + name.replaceAll("[^0-9A-Za-z_-]", "?") + "'\n");
    }
}
