package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The idle timeout a server adapter read, against alb.idle-timeout 60s + alb.keep-alive.margin 5s. */
final class ConfiguredIdleCheckTest {

    private static final CheckTarget TARGET = CheckRun.loopback(8080);
    private static final String KNOB = "Jetty connector idleTimeout";

    private static Finding check(CheckTarget target) {
        return CheckRun.single(new ConfiguredIdleCheck(), "keep-alive.configured", AlbSettings.defaults(), target);
    }

    @Test
    void timeoutAtTheRequirementPasses() {
        Finding finding = check(TARGET.serverIdleTimeout(KNOB, Duration.ofSeconds(65)));

        assertThat(finding.severity()).isEqualTo(Severity.PASS);
        assertThat(finding.message()).isEqualTo("Jetty connector idleTimeout is 65s, at least alb.idle-timeout 60s"
                + " + alb.keep-alive.margin 5s");
    }

    @Test
    void zeroMeansTheServerNeverClosesWhichWarnsOfItsCost() {
        Finding finding = check(TARGET.serverIdleTimeout(KNOB, Duration.ZERO));

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.symptom()).isEqualTo("idle connections pile up");
        assertThat(finding.message()).startsWith("Jetty connector idleTimeout is off: the server never closes");
        assertThat(finding.fix()).isEqualTo("set Jetty connector idleTimeout to 65s (alb.idle-timeout"
                + " + alb.keep-alive.margin), or remove the explicit setting so albtarget sets it");
        assertThat(check(TARGET.serverIdleTimeout(KNOB, Duration.ofSeconds(-1))).severity())
                .isEqualTo(Severity.WARN);
    }

    @Test
    void timeoutBelowTheRequirementFailsWithHttp502NamingTheKnob() {
        Finding finding = check(TARGET.serverIdleTimeout(KNOB, Duration.ofSeconds(60)));

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.symptom()).isEqualTo("HTTP 502");
        assertThat(finding.message()).startsWith("Jetty connector idleTimeout is 60s, below alb.idle-timeout 60s");
        assertThat(finding.fix()).isEqualTo("set Jetty connector idleTimeout to at least 65s, or remove the"
                + " explicit setting so albtarget sets it");
    }

    @Test
    void unknownTimeoutIsSkipped() {
        Finding finding = check(TARGET);

        assertThat(finding.severity()).isEqualTo(Severity.SKIP);
        assertThat(finding.message()).contains("not known", "keep-alive.measured");
    }
}
