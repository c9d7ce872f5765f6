package io.albtarget.compat.matrix;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The {@link App} as a Micronaut controller; {@code /slow} answers from a timer, holding no server thread. */
@Controller
final class MicronautApp {

    @Get(uris = {"/", "/echo"})
    HttpResponse<byte[]> get() {
        return ok();
    }

    /** Any body, with or without a Content-Type: Micronaut binds none to a parameter without one. */
    @Post(uris = {"/", "/echo"}, consumes = MediaType.ALL)
    HttpResponse<byte[]> post(HttpRequest<?> request) {
        return ok();
    }

    @Get(App.SLOW)
    CompletableFuture<HttpResponse<byte[]>> slow(@QueryValue long ms) {
        return CompletableFuture.supplyAsync(MicronautApp::ok,
                CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS));
    }

    private static HttpResponse<byte[]> ok() {
        return HttpResponse.ok(App.BODY_BYTES).contentType(MediaType.TEXT_PLAIN_TYPE);
    }
}
