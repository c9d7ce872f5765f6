package io.albtarget.spring;

import static io.albtarget.spring.TestApplication.albHealthCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.autoconfigure.exclude="
                    + "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration",
            "server.tomcat.max-keep-alive-requests=100",
        })
class OnTomcatIT extends BehindAlbIT {

    @Test
    void anIdleConnectionOutlivesTheAlbsIdleTimeout() {
        try (RawHttp http = RawHttp.connect(port)) {
            http.send(albHealthCheck("127.0.0.1:" + port).replace("Connection: close\r\n", ""));
            assertThat(http.read().status()).isEqualTo(200);
            // alb.idle-timeout 2s + alb.keep-alive.margin 1s: Tomcat's own 60s would do too, so the close is awaited
            assertThat(http.closedWithin(Duration.ofMillis(2500))).as("closed before the ALB's idle timeout").isFalse();
            assertThat(http.closedWithin(Duration.ofSeconds(3))).as("closed once idle for 3s").isTrue();
        }
    }

    @Test
    void aRequestLimitTheApplicationSetIsKept() {
        String request = albHealthCheck("127.0.0.1:" + port).replace("Connection: close\r\n", "");
        try (RawHttp http = RawHttp.connect(port)) {
            for (int i = 1; i < 100; i++) {
                RawHttp.Response response = http.send(request).read();
                assertThat(response.header("Connection")).as("response %d", i).isNull();
            }
            assertThat(http.send(request).read().header("Connection")).as("response 100").isEqualToIgnoringCase("close");
        }
    }
}
