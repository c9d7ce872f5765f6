package io.albtarget.spring;

import static io.albtarget.spring.TestApplication.albHealthCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.albtarget.check.Finding;
import io.albtarget.check.Report;
import io.albtarget.check.Severity;
import io.albtarget.servlet.RawHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.autoconfigure.exclude="
                    + "org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration",
            "server.jetty.connection-idle-timeout=1s",
        })
class OnJettyIT extends BehindAlbIT {

    @Autowired
    StartupSelfCheck selfCheck;

    @Test
    void anIdleTimeoutTheApplicationSetIsKeptWarnedAboutAndReported(CapturedOutput output) {
        try (RawHttp http = RawHttp.connect(port)) {
            http.send(albHealthCheck("127.0.0.1:" + port).replace("Connection: close\r\n", ""));
            assertThat(http.read().status()).isEqualTo(200);
            assertThat(http.closedWithin(Duration.ofMillis(2500))).as("closed after the 1s set").isTrue();
        }
        assertThat(output).contains("server.jetty.connection-idle-timeout is 1s, below alb.idle-timeout 2s"
                + " + alb.keep-alive.margin 1s = 3s");
        Report report = await().atMost(Duration.ofSeconds(15)).until(selfCheck::report, r -> r.isPresent()).get();
        Finding configured = report.findings().stream().filter(f -> f.id().equals("keep-alive.configured"))
                .findFirst().orElseThrow();
        assertThat(configured.severity()).as("%s", configured).isEqualTo(Severity.FAIL);
    }
}
