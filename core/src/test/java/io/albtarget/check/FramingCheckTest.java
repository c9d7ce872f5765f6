package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.ScriptedServer;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Header lines servers read differently: refused with 400 passes, accepted is a desync risk, and no whole answer
 * (a close, a timeout, garbage) leaves the ALB's client with an error of the ALB's own.
 */
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
            // a 400 is also how some TLS ports answer plain HTTP: the health check and a TLS handshake tell
            assertThat(server.requests()).filteredOn(r -> r.contains("\r\nX-Folded: first\r\n second\r\n"))
                    .singleElement().asString().startsWith("GET /health HTTP/1.1\r\nHost: 127.0.0.1:");
            assertThat(server.requests()).filteredOn(r -> r.contains("\r\n: empty-name\r\n")).hasSize(1);
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
    void serverClosingWithoutAnAnswerWarnsOfHttp502() {
        try (ScriptedServer server = ScriptedServer.answering("")) {
            List<Finding> findings = check(server.address());

            assertThat(findings).extracting(Finding::severity).containsOnly(Severity.WARN);
            assertThat(findings).extracting(Finding::symptom).containsOnly("HTTP 502");
            assertThat(findings.get(1).message()).startsWith("the server gives no whole answer to a header line with"
                    + " an empty name (closed early after ").endsWith(": the server closed the connection before any"
                    + " response byte): behind the ALB the client gets HTTP 502 where a 400 would say what was"
                    + " wrong");
        }
    }

    @Test
    void serverCuttingShortItsRefusalIsNoPass() {
        try (ScriptedServer server = ScriptedServer.answering("HTTP/1.1 400 Bad Request\r\nContent-Length: 50"
                + "\r\n\r\nshort")) {
            List<Finding> findings = check(server.address());

            assertThat(findings).extracting(Finding::severity).containsOnly(Severity.WARN);
            assertThat(findings.get(0).message()).contains("closed early after ",
                    "after 5 of Content-Length 50 body bytes");
        }
    }

    @Test
    void unreachableTargetIsSkipped() {
        List<Finding> findings = check(ScriptedServer.refusedAddress());

        assertThat(findings).extracting(Finding::severity).containsOnly(Severity.SKIP);
        assertThat(findings.get(0).message()).endsWith("connection refused");
    }
}
