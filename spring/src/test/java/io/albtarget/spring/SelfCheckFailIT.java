package io.albtarget.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.albtarget.check.SelfCheckFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code alb.self-check=fail} with a Tomcat keep-alive timeout the application set below the ALB's idle timeout:
 * a warning at startup names the property, and the self-check stops the application with its report.
 */
@ExtendWith(OutputCaptureExtension.class)
class SelfCheckFailIT {

    @Test
    void aFailedCheckStopsTheApplication(CapturedOutput output) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        SpringApplicationBuilder application = new SpringApplicationBuilder(TestApplication.class).properties(
                "server.port=" + port, "alb.self-check=fail", "server.tomcat.keep-alive-timeout=1s",
                "spring.autoconfigure.exclude="
                        + "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration");

        assertThatThrownBy(application::run).isInstanceOf(SelfCheckFailedException.class)
                .hasMessageContaining("FAIL keep-alive.configured")
                .hasMessageContaining("Tomcat connector keepAliveTimeout is 1s");
        assertThat(output).contains("albtarget: server.tomcat.keep-alive-timeout is 1s, below alb.idle-timeout 2s"
                + " + alb.keep-alive.margin 1s = 3s");
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).as("the application no longer listens").isInstanceOf(ConnectException.class);
    }
}
