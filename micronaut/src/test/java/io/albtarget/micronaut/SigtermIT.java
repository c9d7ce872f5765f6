package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.albtarget.servlet.RawHttp;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM to an application started with {@code Micronaut.run}: Micronaut's own shutdown hook stops the server, and
 * the server drains first, still accepting, so that the ALB's health check gets 503 rather than a refused connection.
 */
class SigtermIT {

    @Test
    @Timeout(60)
    void onSigtermTheHealthCheckGets503BeforeTheServerStopsListening() throws Exception {
        try (ForkedApplication.Forked application = ForkedApplication.start(List.of("-Dalb.drain.wait=2s"),
                entry -> true)) {
            assertThat(RawHttp.exchange(application.port(), Servers.HEALTH_CHECK).status()).isEqualTo(200);

            application.process().destroy();

            awaitHealth503(application.port());
            assertThat(application.process().waitFor(30, TimeUnit.SECONDS)).as("exited after the drain").isTrue();
        }
    }

    /** Health answers 200 until the hook has started the drain; the connection must never be refused. */
    private static void awaitHealth503(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            int status;
            try {
                status = RawHttp.exchange(port, Servers.HEALTH_CHECK).status();
            } catch (UncheckedIOException e) {
                fail("the server stopped listening before the health check saw it draining", e);
                return;
            }
            if (status == 503) {
                return;
            }
            assertThat(status).isEqualTo(200);
        }
        fail("health never answered 503 after SIGTERM");
    }
}
