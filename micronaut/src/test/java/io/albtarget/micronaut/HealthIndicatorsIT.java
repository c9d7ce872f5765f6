package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import io.albtarget.servlet.RawHttp.Response;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
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
}
