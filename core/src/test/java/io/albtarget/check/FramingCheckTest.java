package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.ScriptedServer;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Header lines servers read differently: refused with 400 (or a close) passes, accepted is a desync risk. */
final class FramingCheckTest {

    private static List<Finding> check(InetSocketAddress address) {
        return CheckRun.findings(new FramingCheck(), AlbSettings.defaults(), CheckTarget.remote(address));
    }

    @Test
    void serverRefusingWith400Passes() {
        try (ScriptedServer server = ScriptedServer.answering(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")) {
            List<Finding> findings = check(server.address());

            assertThat(findings).extracting(Finding::id).containsExactly("framing.obs-fold",
                    "framing.empty-header-name");
            assertThat(findings).extracting(Finding::severity).containsOnly(Severity.PASS);
            assertThat(findings.get(0).message()).isEqualTo("the server refuses a header folded over two lines"
                    + " (obs-fold) with 400");
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(0)).startsWith("GET /health HTTP/1.1\r\nHost: 127.0.0.1:")
                    .contains("\r\nX-Folded: first\r\n second\r\n");
            assertThat(server.requests().get(1)).contains("\r\n: empty-name\r\n");
        }
    }

    @Test
    void serverAcceptingObsFoldWarnsOfDesync() {
        try (ScriptedServer server = ScriptedServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            List<Finding> findings = check(server.address());

            assertThat(findings).extracting(Finding::severity).containsOnly(Severity.WARN);
            assertThat(findings).extracting(Finding::symptom).containsOnly("request desync");
            assertThat(findings.get(0).message()).startsWith("the server does not refuse a header folded over two"
                    + " lines (obs-fold) (HTTP/1.1 200 OK in ");
            assertThat(findings.get(0).evidence()).hasSize(2);
            assertThat(findings.get(0).evidence().get(0)).contains("X-Folded: first\\r\\n second");
            assertThat(findings.get(0).fix()).contains("AlbJetty.apply");
        }
    }

    @Test
    void serverClosingWithoutAnAnswerPasses() {
        try (ScriptedServer server = ScriptedServer.answering("")) {
            List<Finding> findings = check(server.address());

            assertThat(findings).extracting(Finding::severity).containsOnly(Severity.PASS);
            assertThat(findings.get(1).message()).isEqualTo("the server closes the connection on a header line"
                    + " with an empty name");
        }
    }

    @Test
    void unreachableTargetIsSkipped() {
        List<Finding> findings = check(ScriptedServer.refusedAddress());

        assertThat(findings).extracting(Finding::severity).containsOnly(Severity.SKIP);
        assertThat(findings.get(0).message()).endsWith("connection refused");
    }
}
