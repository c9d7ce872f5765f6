package io.albtarget.examples.springwebflux;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A reactive health contributor standing for a dependency of the service, whose state
 * {@code POST /dependency/{state}} sets: {@code up}, {@code down}, or {@code slow} (its answer, UP, comes after a
 * minute, as a dependency that hangs would give it). Through albtarget it decides the ALB's health check, within
 * {@code alb.health.deadline} whatever it does.
 */
@Component("dependency")
@RestController
class DependencyHealth implements ReactiveHealthIndicator {

    /** Each state's answer: a Mono that answers anew, the slow one on a timer, each time it is asked. */
    private static final Map<String, Mono<Health>> ANSWERS = Map.of(
            "up", Mono.just(Health.up().build()),
            "down", Mono.just(Health.down().withDetail("reason", "set down through POST /dependency/down").build()),
            "slow", Mono.delay(Duration.ofMinutes(1)).map(tick -> Health.up().build()));

    private volatile Mono<Health> answer = ANSWERS.get("up");

    @Override
    public Mono<Health> health() {
        return answer;
    }

    @PostMapping(path = "/dependency/{state}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> set(@PathVariable("state") String name) {
        String state = name.toLowerCase(Locale.ROOT);
        Mono<Health> chosen = ANSWERS.get(state);
        if (chosen == null) {
            return ResponseEntity.badRequest().body("state must be up, down or slow, but was '"
                    + name.replaceAll("[^0-9A-Za-z_-]", "?") + "'\n");
        }
        answer = chosen;
        return ResponseEntity.ok("dependency " + state + "\n");
    }
}
