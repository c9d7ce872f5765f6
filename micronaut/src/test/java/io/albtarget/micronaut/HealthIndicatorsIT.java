package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import io.albtarget.servlet.RawHttp.Response;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Micronaut management's health indicators count in the ALB's health answer, under albtarget's deadline. */
class HealthIndicatorsIT {

    @Test
    void anIndicatorThatDoesNotAnswerIsHeldToTheDeadlineAndCountsDown() {
        EmbeddedServer server = Servers.start(Map.of(BlockedIndicator.SWITCH, "true", "alb.health.deadline", "200ms"));
        BlockedIndicator indicator = server.getApplicationContext().getBean(BlockedIndicator.class);
        try {
            Response response = RawHttp.exchange(server.getPort(), Servers.HEALTH_CHECK);

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\"}");
        } finally {
            indicator.release.countDown();
            server.getApplicationContext().close();
        }
    }

    /**
     * One event loop for every connection: while the health check waits for an indicator, a request on another
     * connection is still served, and the health answer follows once the indicator answers.
     */
    @Test
    void theEventLoopServesOtherConnectionsWhileAnIndicatorRuns() throws Exception {
        EmbeddedServer server = Servers.start(Map.of(BlockedIndicator.SWITCH, "true",
                "micronaut.netty.event-loops.default.num-threads", 1,
                "alb.health-check.timeout", "10s", "alb.health.deadline", "9s"));
        BlockedIndicator indicator = server.getApplicationContext().getBean(BlockedIndicator.class);
        try {
            CompletableFuture<Response> health = CompletableFuture.supplyAsync(
                    () -> RawHttp.exchange(server.getPort(), Servers.HEALTH_CHECK));
            indicator.asked.await(10, TimeUnit.SECONDS);

            Response hello = RawHttp.exchange(server.getPort(),
                    "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            assertThat(hello.body()).isEqualTo("hello");
            assertThat(health).as("the health check still waits for the indicator").isNotDone();
            indicator.release.countDown();
            assertThat(health.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        } finally {
            indicator.release.countDown();
            server.getApplicationContext().close();
        }
    }
}
