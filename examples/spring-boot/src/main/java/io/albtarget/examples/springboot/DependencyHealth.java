package io.albtarget.examples.springboot;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A health contributor standing for a dependency of the service, whose state {@code POST /dependency/{state}} sets:
 * {@code up}, {@code down}, or {@code slow} (it answers UP after a minute, as a dependency that hangs would). Through
 * albtarget it decides the ALB's health check, within {@code alb.health.deadline} whatever it does.
 */
@Component("dependency")
@RestController
class DependencyHealth implements HealthIndicator {

    private static final Duration SLOW = Duration.ofMinutes(1);

    /** What the dependency does when asked. */
    enum State {
        UP,
        DOWN,
        SLOW
    }

    private volatile State state = State.UP;

    @Override
    public Health health() {
        return switch (state) {
            case UP -> Health.up().build();
            case DOWN -> Health.down().withDetail("reason", "set down through POST /dependency/down").build();
            case SLOW -> {
                try {
                    Thread.sleep(SLOW.toMillis());
                    yield Health.up().build();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    yield Health.down().withDetail("reason", "interrupted").build();
                }
            }
        };
    }

    @PostMapping("/dependency/{state}")
    ResponseEntity<String> set(@PathVariable("state") String name) {
        for (State candidate : State.values()) {
            if (candidate.name().equalsIgnoreCase(name)) {
                state = candidate;
                return ResponseEntity.ok("dependency " + name.toLowerCase(Locale.ROOT) + "\n");
            }
        }
        return ResponseEntity.badRequest().body("state must be up, down or slow, but was '"
                + name.replaceAll("[^0-9A-Za-z_-]", "?") + "'\n");
    }
}
