package io.albtarget.spring;

import static io.albtarget.spring.TestApplication.albHealthCheck;
import static io.albtarget.spring.TestApplication.authenticatedGet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.albtarget.servlet.RawHttp;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing a WebFlux application, as Spring Boot's shutdown hook does on SIGTERM: health turns 503 at once, new
 * requests are still served with {@code Connection: close} through the drain wait, a streaming response in flight
 * outlives it and ends, and only then does Reactor Netty stop, whatever {@code server.shutdown} says.
 */
class WebFluxDrainIT {

    @ParameterizedTest(name = "server.shutdown={0}")
    @ValueSource(strings = {"graceful", "immediate"})
    void aStreamingResponseOutlivesTheDrainWaitAndTheServerStopsAfter(String shutdown) throws Exception {
        ConfigurableApplicationContext application = new SpringApplicationBuilder(ReactiveTestApplication.class)
                .properties("server.port=0", "server.shutdown=" + shutdown, "alb.self-check=off",
                        ReactiveTestApplication.REACTIVE, ReactiveTestApplication.ON_REACTOR_NETTY)
                .run();
        int port = ((WebServerApplicationContext) application).getWebServer().getPort();
        ReactiveTestApplication.Stream stream = application.getBean(ReactiveTestApplication.Stream.class);
        Thread closing = new Thread(application::close, "test-close");
        try (RawHttp streaming = RawHttp.connect(port).send(authenticatedGet("/stream", port))) {
            assertThat(stream.started.await(10, TimeUnit.SECONDS)).as("the stream has begun").isTrue();

            closing.start();
            await().atMost(Duration.ofSeconds(5)).until(
                    () -> RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port)).body(),
                    body -> body.equals("{\"status\":\"DRAINING\"}"));
            RawHttp.Response during = RawHttp.exchange(port, authenticatedGet("/hello", port));
            assertThat(during.status()).as("%s", during).isEqualTo(200);
            assertThat(during.header("Connection")).isEqualToIgnoringCase("close");

            // twice alb.drain.wait: the stream outlives the wait, and the close waits for it
            Thread.sleep(600);
            assertThat(closing.isAlive()).as("the close waits for the stream").isTrue();
            stream.parts.tryEmitNext("second");
            stream.parts.tryEmitComplete();

            RawHttp.Response streamed = streaming.read();
            assertThat(streamed.status()).isEqualTo(200);
            assertThat(streamed.body()).isEqualTo("first,second");
        } finally {
            stream.parts.tryEmitComplete();
        }
        closing.join(Duration.ofSeconds(15).toMillis());
        assertThat(closing.isAlive()).as("closed once drained").isFalse();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertRefused(port));
    }

    private static void assertRefused(int port) {
        try {
            RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port));
        } catch (UncheckedIOException expected) {
            return;
        }
        throw new AssertionError("the server still answers on port " + port);
    }
}
