package io.albtarget.servlet.check;

import static io.albtarget.servlet.check.TestApps.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.check.Finding;
import io.albtarget.check.Report;
import io.albtarget.check.SelfCheck;
import io.albtarget.check.Severity;
import io.albtarget.servlet.jetty.AlbJetty;
import io.albtarget.servlet.jetty.EmbeddedJetty;
import io.albtarget.servlet.tomcat.AlbTomcat;
import io.albtarget.servlet.tomcat.EmbeddedTomcat;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/**
 * Tomcat and Jetty set up as albtarget's documentation says pass the whole self-check, keep-alive measurement
 * included; the ALB's idle timeout is scaled to 1 s and the margin to 1 s.
 */
final class AlbtargetSetupPassesSelfCheckIT {

    private static final AlbSettings SETTINGS = AlbSettings.builder().idleTimeout(Duration.ofSeconds(1))
            .keepAliveMargin(Duration.ofSeconds(1)).build();

    private static Report whole(SelfCheck selfCheck) throws Exception {
        return selfCheck.start().get(30, TimeUnit.SECONDS);
    }

    private static void assertNoFailure(Report report, String knob) {
        assertThat(report.findings()).as(report.toText()).extracting(Finding::id).containsSubsequence("health-path",
                "host-forms", "framing.obs-fold", "framing.empty-header-name", "keep-alive.configured", "settings",
                "keep-alive.measured");
        assertThat(report.hasFailures()).as(report.toText()).isFalse();
        // present where this machine has an address besides the loopback, and then reached
        assertThat(report.findings()).filteredOn(f -> f.id().equals("listen-address"))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.PASS));
        assertThat(finding(report, "health-path").severity()).isEqualTo(Severity.PASS);
        assertThat(finding(report, "host-forms").severity()).isEqualTo(Severity.PASS);
        assertThat(finding(report, "framing.obs-fold").severity()).isEqualTo(Severity.PASS);
        assertThat(finding(report, "keep-alive.configured").severity()).isEqualTo(Severity.PASS);
        assertThat(finding(report, "keep-alive.configured").message()).startsWith(knob + " is 2s");
        assertThat(finding(report, "keep-alive.measured").severity()).as(report.toText()).isEqualTo(Severity.PASS);
    }

    @Test
    void tomcatWithAlbtargetsConnectorAndFilterPasses() throws Exception {
        Connector everywhere = AlbTomcat.connector(0, SETTINGS);
        everywhere.setProperty("address", "0.0.0.0");
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(everywhere, context -> {
            AlbTomcat.addFilterFirst(context, TestApps.albFilter(SETTINGS));
            Tomcat.addServlet(context, "app", TestApps.ok()).addMapping("/");
        })) {
            assertNoFailure(whole(AlbTomcat.selfCheck(tomcat.connector(), SETTINGS)),
                    "Tomcat connector keepAliveTimeout");
        }
    }

    @Test
    void jettyWithAlbJettyAndFilterPasses() throws Exception {
        try (EmbeddedJetty jetty = EmbeddedJetty.start(connector -> {
            connector.setHost(null);
            AlbJetty.apply(connector, SETTINGS);
        }, context -> {
            context.addServlet(new ServletHolder(TestApps.ok()), "/*");
            context.addFilter(new FilterHolder(TestApps.albFilter(SETTINGS)), "/*", EnumSet.of(DispatcherType.REQUEST));
        })) {
            assertNoFailure(whole(AlbJetty.selfCheck(jetty.connector(), SETTINGS)), "Jetty connector idleTimeout");
        }
    }
}
