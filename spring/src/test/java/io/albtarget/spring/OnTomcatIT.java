package io.albtarget.spring;

import static io.albtarget.spring.TestApplication.albHealthCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
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
        assertIdleConnectionOutlivesTheAlbsIdleTimeout();
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
