package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An application without micronaut-management, whose classes albtarget's health bridge names: it starts, and the
 * ALB's health check is answered from the target's state alone.
 */
class WithoutManagementIT {

    @Test
    @Timeout(60)
    void startsAndAnswersTheHealthCheckWithoutManagement() throws Exception {
        try (ForkedApplication.Forked application = ForkedApplication.start(List.of(),
                entry -> !entry.contains("micronaut-management"))) {
            RawHttp.Response health = RawHttp.exchange(application.port(), Servers.HEALTH_CHECK);

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        }
    }
}
