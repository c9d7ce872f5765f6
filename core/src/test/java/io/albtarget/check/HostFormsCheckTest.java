package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.ScriptedServer;
import org.junit.jupiter.api.Test;

/** Both Host forms of the health checker, the bare IP and IP:port. */
final class HostFormsCheckTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    private static Finding check(CheckTarget target) {
        return CheckRun.single(new HostFormsCheck(), "host-forms", AlbSettings.defaults(), target);
    }

    @Test
    void serverAcceptingBothFormsPasses() {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            Finding finding = check(CheckTarget.remote(server.address()));

            assertThat(finding.severity()).isEqualTo(Severity.PASS);
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(0)).contains("\r\nHost: 127.0.0.1\r\n");
            assertThat(server.requests().get(1)).contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n");
        }
    }

    @Test
    void serverRefusingTheBareIpFailsNamingIt() {
        try (ScriptedServer server = ScriptedServer.start(c -> c.write(c.request().contains("Host: 127.0.0.1\r\n")
                ? "HTTP/1.1 421 Misdirected Request\r\nContent-Length: 0\r\n\r\n" : OK))) {
            Finding finding = check(CheckTarget.remote(server.address()));

            assertThat(finding.severity()).isEqualTo(Severity.FAIL);
            assertThat(finding.symptom()).isEqualTo("Target.ResponseCodeMismatch");
            assertThat(finding.message()).isEqualTo("the server refuses the ALB's Host 127.0.0.1 (421)");
            assertThat(finding.evidence()).hasSize(2);
        }
    }

    @Test
    void aFormLeftWithoutAnswerWhileTheOtherIsAnsweredFailsWithTheAlbsTimeout() {
        try (ScriptedServer server = ScriptedServer.start(c -> {
            if (c.request().contains("Host: 127.0.0.1\r\n")) {
                c.holdOpen();
            } else {
                c.write(OK);
            }
        })) {
            Finding finding = check(CheckTarget.remote(server.address()));

            assertThat(finding.severity()).isEqualTo(Severity.FAIL);
            assertThat(finding.symptom()).isEqualTo("Target.Timeout");
            assertThat(finding.message()).startsWith("the ALB's health check with Host 127.0.0.1 got no whole answer:"
                    + " timed out after ");
        }
    }

    @Test
    void aRefusalAndAFormClosedEarlyAreBothNamed() {
        try (ScriptedServer server = ScriptedServer.start(c -> {
            if (c.request().contains("Host: 127.0.0.1\r\n")) {
                c.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nok");
            } else {
                c.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            }
        })) {
            Finding finding = check(CheckTarget.remote(server.address()));

            assertThat(finding.severity()).isEqualTo(Severity.FAIL);
            assertThat(finding.symptom()).isEqualTo("Target.ResponseCodeMismatch");
            assertThat(finding.message()).startsWith("the server refuses the ALB's Host 127.0.0.1:" + server.port()
                    + " (400); the ALB's health check with Host 127.0.0.1 got no whole answer: HTTP/1.1 200 OK,"
                    + " closed early after ");
        }
    }

    @Test
    void givenHostHeaderSkipsTheAlbsForms() {
        try (ScriptedServer server = ScriptedServer.answering(OK)) {
            Finding finding = check(CheckTarget.remote(server.address()).hostHeader("app.example.com"));

            assertThat(finding.severity()).isEqualTo(Severity.SKIP);
            assertThat(server.requests()).isEmpty();
        }
    }
}
