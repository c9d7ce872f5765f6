package io.albtarget.servlet.check;

import static io.albtarget.servlet.check.TestApps.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.albtarget.AlbSettings;
import io.albtarget.check.Finding;
import io.albtarget.check.Report;
import io.albtarget.check.Severity;
import io.albtarget.servlet.tomcat.AlbTomcat;
import io.albtarget.servlet.tomcat.EmbeddedTomcat;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

/**
 * Tomcat as it comes, without albtarget's filter, with an application that gets the health path wrong in one way
 * per test; the self-check names the ALB's verdict. The health-check timeout is the ALB's minimum, 2 s.
 */
final class HealthPathMistakesOnTomcatIT {

    private static final AlbSettings SETTINGS = AlbSettings.builder().timeout(Duration.ofSeconds(2))
            .interval(Duration.ofSeconds(5)).build();

    private static Report selfCheck(Consumer<Context> deploy) {
        Connector connector = new Connector();
        connector.setPort(0);
        try (EmbeddedTomcat tomcat = EmbeddedTomcat.start(connector, deploy)) {
            return AlbTomcat.selfCheck(tomcat.connector(), SETTINGS).run();
        }
    }

    @Test
    void aServerOnTheLoopbackAloneFailsListenAddress() {
        Report report = selfCheck(context -> Tomcat.addServlet(context, "app", TestApps.ok()).addMapping("/"));

        assumeTrue(report.findings().stream().anyMatch(f -> f.id().equals("listen-address")),
                "this machine has no address besides the loopback to listen on");
        Finding listen = finding(report, "listen-address");
        assertThat(listen.severity()).isEqualTo(Severity.FAIL);
        assertThat(listen.symptom()).isEqualTo("Target.FailedHealthChecks");
        assertThat(listen.message()).contains("answers on the loopback but not on", "connection refused");
        assertThat(listen.fix()).contains("0.0.0.0");
        assertThat(finding(report, "health-path").severity()).isEqualTo(Severity.PASS);
    }

    @Test
    void redirectedHealthPathFailsWithResponseCodeMismatch() {
        Report report = selfCheck(context -> Tomcat.addServlet(context, "login",
                TestApps.redirectingTo("/login?next=/health")).addMapping("/health"));

        Finding health = finding(report, "health-path");
        assertThat(health.severity()).isEqualTo(Severity.FAIL);
        assertThat(health.symptom()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(health.message()).contains("-> 302", "a redirect to '/login?next=/health'", "does not follow");
        assertThat(report.hasFailures()).isTrue();
    }

    @Test
    void healthPathBehindAuthenticationFailsWithResponseCodeMismatch() {
        Report report = selfCheck(context -> {
            AlbTomcat.addFilterFirst(context, TestApps.basicAuthEverywhere());
            Tomcat.addServlet(context, "app", TestApps.ok()).addMapping("/");
        });

        Finding health = finding(report, "health-path");
        assertThat(health.severity()).isEqualTo(Severity.FAIL);
        assertThat(health.symptom()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(health.message()).contains("-> 401", "security stands in front of the health path");
        assertThat(health.fix()).contains("without authentication");
    }

    @Test
    void unservedHealthPathFailsWithResponseCodeMismatch() {
        Report report = selfCheck(context -> Tomcat.addServlet(context, "api", TestApps.ok()).addMapping("/api/*"));

        Finding health = finding(report, "health-path");
        assertThat(health.severity()).isEqualTo(Severity.FAIL);
        assertThat(health.symptom()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(health.message()).startsWith("GET /health with Host ").contains("-> 404",
                "nothing serves the health path");
        assertThat(finding(report, "host-forms").severity()).as("a 404 is no refused Host").isEqualTo(Severity.PASS);
    }

    @Test
    void healthAnswerSlowerThanTheTimeoutFailsWithTimeout() {
        Report report = selfCheck(context -> Tomcat.addServlet(context, "health", TestApps.firstAnswerAfter(2500))
                .addMapping("/health"));

        Finding health = finding(report, "health-path");
        assertThat(health.severity()).isEqualTo(Severity.FAIL);
        assertThat(health.symptom()).isEqualTo("Target.Timeout");
        assertThat(health.message()).isEqualTo("no whole answer within alb.health-check.timeout 2s");
        assertThat(finding(report, "host-forms").severity()).as("later answers are fast").isEqualTo(Severity.PASS);
    }

    @Test
    void tomcatsOwnKeepAliveTimeoutIsBelowTheAlbsIdleTimeoutPlusMargin() {
        Report report = selfCheck(context -> Tomcat.addServlet(context, "app", TestApps.ok()).addMapping("/"));

        assertThat(finding(report, "health-path").severity()).isEqualTo(Severity.PASS);
        Finding keepAlive = finding(report, "keep-alive.configured");
        assertThat(keepAlive.severity()).isEqualTo(Severity.FAIL);
        assertThat(keepAlive.symptom()).isEqualTo("HTTP 502");
        assertThat(keepAlive.message()).startsWith("Tomcat connector keepAliveTimeout is 60s, below"
                + " alb.idle-timeout 60s");
    }
}
