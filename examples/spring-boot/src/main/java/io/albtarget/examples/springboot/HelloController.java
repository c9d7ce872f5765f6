package io.albtarget.examples.springboot;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /} answers {@code hello}; {@code /slow?ms=N} answers after N milliseconds, 0 to 600000. */
@RestController
class HelloController {

    private static final long MAX_MILLIS = 600_000;

    @GetMapping("/")
    String hello() {
        return "hello\n";
    }

    @GetMapping("/slow")
    ResponseEntity<String> slow(@RequestParam(defaultValue = "1000") long ms) throws InterruptedException {
        if (ms < 0 || ms > MAX_MILLIS) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .body("ms must be between 0 and " + MAX_MILLIS + ", but was " + ms + "\n");
        }
        Thread.sleep(ms);
        return ResponseEntity.ok("slept " + ms + " ms\n");
    }
}
