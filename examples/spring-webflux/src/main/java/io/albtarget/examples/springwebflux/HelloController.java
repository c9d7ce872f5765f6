package io.albtarget.examples.springwebflux;

import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /} answers {@code hello}; {@code /slow?ms=N} answers after N milliseconds, 0 to 600000;
 * {@code /stream?parts=N} sends N lines, 1 to 600, the first at once and the others a second apart. None of them
 * holds the event loop or any other thread while it waits.
 */
@RestController
class HelloController {

    private static final long MAX_MILLIS = 600_000;
    private static final int MAX_PARTS = 600;
    private static final Duration BETWEEN_PARTS = Duration.ofSeconds(1);

    @GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<String> hello() {
        return Mono.just("hello\n");
    }

    @GetMapping(path = "/slow", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<ResponseEntity<String>> slow(@RequestParam(defaultValue = "1000") long ms) {
        if (ms < 0 || ms > MAX_MILLIS) {
            return Mono.just(ResponseEntity.badRequest()
                    .body("ms must be between 0 and " + MAX_MILLIS + ", but was " + ms + "\n"));
        }
        return Mono.delay(Duration.ofMillis(ms)).map(tick -> ResponseEntity.ok("slept " + ms + " ms\n"));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<Flux<String>> stream(@RequestParam(defaultValue = "5") int parts) {
        if (parts < 1 || parts > MAX_PARTS) {
            return ResponseEntity.badRequest().body(Flux.just(
                    "parts must be between 1 and " + MAX_PARTS + ", but was " + parts + "\n"));
        }
        return ResponseEntity.ok(Flux.interval(Duration.ZERO, BETWEEN_PARTS).take(parts)
                .map(part -> "part " + (part + 1) + " of " + parts + "\n"));
    }
}
