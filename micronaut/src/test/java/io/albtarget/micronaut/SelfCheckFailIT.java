package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.albtarget.check.SelfCheckFailedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code alb.self-check=fail} with an idle timeout the application set below the ALB's: the self-check on the port
 * the server listens on fails the startup with its report.
 */
class SelfCheckFailIT {

    @Test
    void aFailedCheckFailsTheStartup() {
        assertThatThrownBy(() -> Servers.start(Map.of("alb.self-check", "fail",
                "alb.idle-timeout", "2s", "alb.keep-alive.margin", "1s", "micronaut.server.idle-timeout", "1s")))
                .isInstanceOf(SelfCheckFailedException.class)
                .hasMessageContaining("FAIL keep-alive.configured")
                .hasMessageContaining("micronaut.server.idle-timeout is 1s");
    }
}
