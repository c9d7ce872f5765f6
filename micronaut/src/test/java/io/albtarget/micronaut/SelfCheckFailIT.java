package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.albtarget.check.SelfCheckFailedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code alb.self-check=fail} with an idle timeout the application set below the ALB's: the self-check on the port
 * the server listens on fails the startup with its report, and the server no longer holds the port.
 */
class SelfCheckFailIT {

    @Test
    void aFailedCheckFailsTheStartupAndFreesThePort() throws IOException {
        int port = freePort();

        assertThatThrownBy(() -> Servers.start(Map.of("micronaut.server.port", port, "alb.self-check", "fail",
                "alb.idle-timeout", "2s", "alb.keep-alive.margin", "1s", "micronaut.server.idle-timeout", "1s")))
                .isInstanceOf(SelfCheckFailedException.class)
                .hasMessageContaining("FAIL keep-alive.configured")
                .hasMessageContaining("micronaut.server.idle-timeout is 1s");
        assertThatCode(() -> new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close())
                .as("port %d free again", port)
                .doesNotThrowAnyException();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
