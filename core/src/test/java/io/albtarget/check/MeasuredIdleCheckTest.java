package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.ScriptedServer;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The server's idle close measured on the wire, with the ALB's idle timeout scaled to 1-2 s: each test waits at
 * most the server's scripted close or alb.idle-timeout + alb.keep-alive.margin.
 */
final class MeasuredIdleCheckTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    private static final AlbSettings ONE_PLUS_ONE = AlbSettings.builder().idleTimeout(Duration.ofSeconds(1))
            .keepAliveMargin(Duration.ofSeconds(1)).build();

    private static Finding measure(AlbSettings settings, ScriptedServer.Script script) {
        return measure(settings, script, UnaryOperator.identity());
    }

    private static Finding measure(AlbSettings settings, ScriptedServer.Script script,
            UnaryOperator<CheckTarget> adapter) {
        try (ScriptedServer server = ScriptedServer.start(script)) {
            Report report = SelfCheck.of(settings, adapter.apply(CheckTarget.remote(server.address())))
                    .measureKeepAlive();
            assertThat(report.findings()).hasSize(1);
            assertThat(server.requests()).hasSize(1);
            assertThat(server.requests().get(0)).doesNotContainIgnoringCase("Connection:");
            Finding finding = report.findings().get(0);
            assertThat(finding.id()).isEqualTo("keep-alive.measured");
            return finding;
        }
    }

    @Test
    void serverClosingBeforeTheAlbIdleTimeoutFailsWithHttp502() {
        AlbSettings settings = AlbSettings.builder().idleTimeout(Duration.ofSeconds(2))
                .keepAliveMargin(Duration.ofSeconds(1)).build();

        Finding finding = measure(settings, c -> c.write(OK).pause(1000));

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.symptom()).isEqualTo("HTTP 502");
        assertThat(finding.message()).startsWith("the server closed an idle connection after ")
                .contains("before alb.idle-timeout 2s", "clients get HTTP 502");
        assertThat(finding.fix()).isEqualTo("raise the server's keep-alive (idle) timeout to at least 3s");
        assertThat(finding.evidence()).hasSize(3);
        assertThat(finding.evidence().get(2)).startsWith("then: closed after ");
    }

    @Test
    void fixNamesTheKnobTheServerAdapterRead() {
        AlbSettings settings = AlbSettings.builder().idleTimeout(Duration.ofSeconds(2))
                .keepAliveMargin(Duration.ofSeconds(1)).build();

        Finding finding = measure(settings, c -> c.write(OK).pause(300),
                target -> target.serverIdleTimeout("Jetty connector idleTimeout", Duration.ofMillis(300)));

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.fix()).isEqualTo("raise Jetty connector idleTimeout to at least 3s");
    }

    @Test
    void serverKeepingTheConnectionPastTheWatchPasses() {
        Finding finding = measure(ONE_PLUS_ONE, c -> c.write(OK).holdOpen());

        assertThat(finding.severity()).isEqualTo(Severity.PASS);
        assertThat(finding.message()).startsWith("the server kept an idle connection open for 2s, past"
                + " alb.idle-timeout 1s");
        assertThat(finding.evidence().get(2)).isEqualTo("then: still open after 2s");
    }

    @Test
    void serverClosingJustAsTheWatchEndsPasses() {
        // the server's idle timer starts with its answer, a little before the probe's watch does
        Finding finding = measure(ONE_PLUS_ONE, c -> c.write(OK).pause(2000));

        assertThat(finding.severity()).as(finding.message()).isEqualTo(Severity.PASS);
        assertThat(finding.fix()).isEmpty();
    }

    @Test
    void slowAnswerDoesNotExcuseAnEarlyClose() {
        Finding finding = measure(ONE_PLUS_ONE, c -> c.pause(1800).write(OK).pause(300));

        assertThat(finding.severity()).as(finding.message()).isEqualTo(Severity.FAIL);
        assertThat(finding.message()).contains("before alb.idle-timeout 1s");
    }

    @Test
    void serverClosingWithinTheMarginWarns() {
        Finding finding = measure(ONE_PLUS_ONE, c -> c.write(OK).pause(1300));

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.symptom()).isEqualTo("HTTP 502");
        assertThat(finding.message()).contains("less than alb.keep-alive.margin after alb.idle-timeout 1s");
    }

    @Test
    void serverAnnouncingConnectionCloseWarnsOfNewConnections() {
        Finding finding = measure(ONE_PLUS_ONE, c -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\nok"));

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.symptom()).isEmpty();
        assertThat(finding.message()).contains("Connection: close", "new connection for every request");
    }

    @Test
    void incompleteAnswerLeavesNothingToMeasure() {
        Finding finding = measure(ONE_PLUS_ONE, c -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nok"));

        assertThat(finding.severity()).isEqualTo(Severity.SKIP);
        assertThat(finding.message()).startsWith("no whole response to keep the connection open after: ")
                .contains("closed early");
    }

    @Test
    void watchIsTheIdleTimeoutPlusTheMargin() {
        assertThat(SelfCheck.of(ONE_PLUS_ONE, CheckTarget.local(8080)).keepAliveWatch())
                .isEqualTo(Duration.ofSeconds(2));
    }
}
