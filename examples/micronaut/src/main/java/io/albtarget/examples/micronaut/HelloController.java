package io.albtarget.examples.micronaut;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code /} answers {@code hello}; {@code /slow?ms=N} answers after N milliseconds, 0 to 600000, without holding an
 * event loop or any other thread while it waits.
 */
@Controller
@Produces(MediaType.TEXT_PLAIN)
final class HelloController {

    private static final long MAX_MILLIS = 600_000;

    @Get
    String hello() {
        return "hello\n";
    }

    @Get("/slow")
    CompletableFuture<HttpResponse<String>> slow(@QueryValue(defaultValue = "1000") long ms) {
        if (ms < 0 || ms > MAX_MILLIS) {
            return CompletableFuture.completedFuture(HttpResponse.badRequest(
                    "ms must be between 0 and " + MAX_MILLIS + ", but was " + ms + "\n"));
        }
        return CompletableFuture.supplyAsync(() -> HttpResponse.ok("slept " + ms + " ms\n"),
                CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS));
    }
}
