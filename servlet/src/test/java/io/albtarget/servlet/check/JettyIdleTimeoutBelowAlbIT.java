package io.albtarget.servlet.check;

import static io.albtarget.servlet.check.TestApps.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.check.Finding;
import io.albtarget.check.SelfCheck;
import io.albtarget.check.Severity;
import io.albtarget.servlet.jetty.AlbJetty;
import io.albtarget.servlet.jetty.EmbeddedJetty;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Jetty connector with idleTimeout 1 s, set by hand and not passed through {@link AlbJetty#apply}, behind an ALB
 * with alb.idle-timeout 2s: Jetty closes idle connections the ALB still means to reuse.
 */
final class JettyIdleTimeoutBelowAlbIT {

    private static final AlbSettings SETTINGS = AlbSettings.builder().idleTimeout(Duration.ofSeconds(2))
            .keepAliveMargin(Duration.ofSeconds(1)).build();

    private static EmbeddedJetty jetty;
    private static SelfCheck selfCheck;

    @BeforeAll
    static void start() {
        jetty = EmbeddedJetty.start(connector -> connector.setIdleTimeout(1000),
                context -> context.addServlet(new ServletHolder(TestApps.ok()), "/*"));
        selfCheck = AlbJetty.selfCheck(jetty.connector(), SETTINGS);
    }

    @AfterAll
    static void stop() {
        jetty.close();
    }

    @Test
    void measuredIdleCloseFailsWithHttp502() {
        Finding measured = finding(selfCheck.measureKeepAlive(), "keep-alive.measured");

        assertThat(measured.severity()).isEqualTo(Severity.FAIL);
        assertThat(measured.symptom()).isEqualTo("HTTP 502");
        assertThat(measured.message()).startsWith("the server closed an idle connection after 1.")
                .contains("before alb.idle-timeout 2s");
        assertThat(measured.fix()).isEqualTo("raise Jetty connector idleTimeout to at least 3s");
    }

    @Test
    void configuredIdleTimeoutFailsNamingJettysKnob() {
        Finding configured = finding(selfCheck.run(), "keep-alive.configured");

        assertThat(configured.severity()).isEqualTo(Severity.FAIL);
        assertThat(configured.symptom()).isEqualTo("HTTP 502");
        assertThat(configured.message()).startsWith("Jetty connector idleTimeout is 1s, below alb.idle-timeout 2s"
                + " + alb.keep-alive.margin 1s = 3s");
        assertThat(configured.fix()).startsWith("set Jetty connector idleTimeout to at least 3s");
    }
}
