package io.albtarget.micronaut;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The application the tests put behind the ALB. */
@Controller
final class TestController {

    @Get("/hello")
    String hello() {
        return "hello";
    }

    /** Answers after this many milliseconds, without holding a server thread. */
    @Get("/slow")
    CompletableFuture<String> slow(@QueryValue long millis) {
        return CompletableFuture.supplyAsync(() -> "slow",
                CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }
}
