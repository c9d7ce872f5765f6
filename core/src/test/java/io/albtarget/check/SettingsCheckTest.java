package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings each valid alone that the ALB punishes together; read without a connection. */
final class SettingsCheckTest {

    private static final CheckTarget PLAIN = CheckRun.loopback(8080);
    /** A target whose health and drain are albtarget's own. */
    private static final CheckTarget ALBTARGET = PLAIN.healthServedByAlbtarget(true);

    private static List<Finding> check(AlbSettings settings, CheckTarget target) {
        return CheckRun.findings(new SettingsCheck(), settings, target);
    }

    private static Finding only(AlbSettings settings) {
        return only(settings, PLAIN);
    }

    private static Finding only(AlbSettings settings, CheckTarget target) {
        List<Finding> findings = check(settings, target);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @Test
    void consistentSettingsGiveOnePass() {
        Finding finding = only(AlbSettings.defaults(), ALBTARGET);

        assertThat(finding.id()).isEqualTo("settings");
        assertThat(finding.severity()).isEqualTo(Severity.PASS);
        assertThat(finding.message()).isEqualTo("the settings agree with each other: drain 65s + 30s within"
                + " alb.deregistration-delay 300s");
    }

    @Test
    void drainSettingsAreNotJudgedForATargetWithoutAlbtarget() {
        AlbSettings settings = AlbSettings.builder().drainWait(Duration.ofSeconds(10))
                .deregistrationDelay(Duration.ofSeconds(5)).build();

        Finding finding = only(settings);

        assertThat(finding.id()).isEqualTo("settings");
        assertThat(finding.message()).isEqualTo("the settings agree with each other");
        assertThat(check(settings, ALBTARGET)).extracting(Finding::id)
                .containsExactly("settings.drain-wait", "settings.drain-timeout");
    }

    @Test
    void rootHealthPathWarnsWhenTheApplicationServesIt() {
        Finding finding = only(AlbSettings.builder().healthCheckPath("/").build());

        assertThat(finding.id()).isEqualTo("settings.health-path");
        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.symptom()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(finding.message()).contains("alb.health-check.path is '/'");
        assertThat(finding.fix()).contains("/health");
    }

    @Test
    void rootHealthPathIsFineWhenAlbtargetAnswersIt() {
        List<Finding> findings = check(AlbSettings.builder().healthCheckPath("/").build(),
                PLAIN.healthServedByAlbtarget(true));

        assertThat(findings).extracting(Finding::id).containsExactly("settings");
    }

    @Test
    void drainWaitShorterThanTheAlbNeedsToSeeTheTargetUnhealthyWarns() {
        Finding finding = only(AlbSettings.builder().drainWait(Duration.ofSeconds(10)).build(), ALBTARGET);

        assertThat(finding.id()).isEqualTo("settings.drain-wait");
        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.symptom()).isEqualTo("HTTP 502");
        assertThat(finding.message()).startsWith("alb.drain.wait 10s is shorter than the 65s");
        assertThat(finding.fix()).contains("at least 65s");
    }

    @Test
    void drainWaitPlusTimeoutOverTheDeregistrationDelayWarns() {
        Finding finding = only(AlbSettings.builder().deregistrationDelay(Duration.ofSeconds(30)).build(), ALBTARGET);

        assertThat(finding.id()).isEqualTo("settings.drain-timeout");
        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.symptom()).isEqualTo("HTTP 502");
        assertThat(finding.message()).isEqualTo("alb.drain.wait 30s + alb.drain.timeout 30s exceeds"
                + " alb.deregistration-delay 30s: requests still in flight when the ALB ends deregistration get"
                + " HTTP 502");
    }

    @Test
    void http2ProtocolVersionOnAPlainTargetWarns() {
        AlbSettings settings = AlbSettings.builder().protocolVersion(AlbSettings.ProtocolVersion.HTTP2).build();

        Finding finding = only(settings);

        assertThat(finding.id()).isEqualTo("settings.protocol-version");
        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.message()).contains("alb.protocol-version HTTP2 needs HTTPS");
        assertThat(check(settings, PLAIN.tls(true))).extracting(Finding::id).containsExactly("settings");
    }

    @Test
    void httpsHealthCheckOnAPlainTargetWarns() {
        AlbSettings settings = AlbSettings.builder().healthCheckProtocol(AlbSettings.Protocol.HTTPS).build();

        Finding finding = only(settings);

        assertThat(finding.id()).isEqualTo("settings.health-check-protocol");
        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.symptom()).isEqualTo("Target.FailedHealthChecks");
        assertThat(finding.message()).contains("HTTPS", "plain HTTP");
        assertThat(check(settings, PLAIN.tls(true))).extracting(Finding::id).containsExactly("settings");
    }

    @Test
    void keepAliveMarginUnderASecondWarns() {
        Finding finding = only(AlbSettings.builder().keepAliveMargin(Duration.ofMillis(200)).build());

        assertThat(finding.id()).isEqualTo("settings.keep-alive-margin");
        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.symptom()).isEqualTo("HTTP 502");
        assertThat(finding.message()).startsWith("alb.keep-alive.margin 200ms");
        assertThat(only(AlbSettings.builder().keepAliveMargin(Duration.ofSeconds(1)).build()).id())
                .isEqualTo("settings");
    }

    @Test
    void severalProblemsGiveOneWarningEachAndNoPass() {
        List<Finding> findings = check(AlbSettings.builder().drainWait(Duration.ofSeconds(10))
                .protocolVersion(AlbSettings.ProtocolVersion.GRPC).keepAliveMargin(Duration.ZERO).build(), ALBTARGET);

        assertThat(findings).extracting(Finding::id).containsExactly("settings.drain-wait",
                "settings.protocol-version", "settings.keep-alive-margin");
        assertThat(findings).extracting(Finding::severity).containsOnly(Severity.WARN);
    }
}
