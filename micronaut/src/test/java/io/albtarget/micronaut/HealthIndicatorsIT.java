package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import io.albtarget.servlet.RawHttp.Response;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Micronaut management's health indicators count in the ALB's health answer, under albtarget's deadline. */
class HealthIndicatorsIT {

    private static final String HEALTH_CHECK = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "User-Agent: ELB-HealthChecker/2.0\r\nAccept-Encoding: gzip, compressed\r\n\r\n";

    @Test
    void anIndicatorThatDoesNotAnswerIsHeldToTheDeadlineAndCountsDown() {
        EmbeddedServer server = Servers.start(Map.of(BlockedIndicator.SWITCH, "true", "alb.health.deadline", "200ms"));
        BlockedIndicator indicator = server.getApplicationContext().getBean(BlockedIndicator.class);
        try {
            Response response = RawHttp.exchange(server.getPort(), HEALTH_CHECK);

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\"}");
        } finally {
            indicator.release.countDown();
            server.getApplicationContext().close();
        }
    }
}
