package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.ScriptedServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ALB's judgement of a health answer, one cause per test, against scripted servers. The health-check timeout is
 * the ALB's minimum, 2 s, so that the tests that wait it out stay short.
 */
final class HealthPathCheckTest {

    private static final AlbSettings SETTINGS = AlbSettings.builder().timeout(Duration.ofSeconds(2))
            .interval(Duration.ofSeconds(5)).build();

    private static Finding check(ScriptedServer.Script script) {
        try (ScriptedServer server = ScriptedServer.start(script)) {
            return check(server.address());
        }
    }

    private static Finding check(InetSocketAddress address) {
        return CheckRun.single(new HealthPathCheck(), "health-path", SETTINGS, CheckTarget.remote(address));
    }

    private static Finding answer(String response) {
        return check(c -> c.write(response));
    }

    private static String status(String statusLine, String... headers) {
        return "HTTP/1.1 " + statusLine + "\r\n" + String.join("", headers) + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void okPasses() {
        Finding finding = answer("HTTP/1.1 200 OK\r\nContent-Length: 15\r\n\r\n{\"status\":\"UP\"}");

        assertThat(finding.severity()).isEqualTo(Severity.PASS);
        assertThat(finding.symptom()).isEmpty();
        assertThat(finding.message()).startsWith("GET /health with Host 127.0.0.1:").contains("-> 200 in ");
        assertThat(finding.evidence()).hasSize(2);
        assertThat(finding.evidence().get(0)).startsWith("sent: GET /health HTTP/1.1\\r\\nHost: 127.0.0.1:")
                .contains("User-Agent: ELB-HealthChecker/2.0");
        assertThat(finding.evidence().get(1)).startsWith("got: HTTP/1.1 200 OK in ");
    }

    @Test
    void redirectFailsWithResponseCodeMismatchQuotingTheLocation() {
        Finding finding = answer(status("302 Found", "Location: https://app.example.com/login?next=%2Fhealth\r\n"));

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.symptom()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(finding.message()).contains("-> 302", "outside matcher 200",
                "a redirect to 'https://app.example.com/login?next=%2Fhealth'", "does not follow");
        assertThat(finding.fix()).contains("without a redirect");
    }

    @Test
    void unauthorizedAndForbiddenFailAsSecurityInFront() {
        for (String statusLine : List.of("401 Unauthorized", "403 Forbidden")) {
            Finding finding = answer(status(statusLine, "WWW-Authenticate: Basic realm=\"app\"\r\n"));

            assertThat(finding.severity()).as(statusLine).isEqualTo(Severity.FAIL);
            assertThat(finding.symptom()).isEqualTo("Target.ResponseCodeMismatch");
            assertThat(finding.message()).contains("-> " + statusLine.substring(0, 3),
                    "security stands in front of the health path");
            assertThat(finding.fix()).contains("without authentication");
        }
    }

    @Test
    void notFoundFailsAsNothingServingThePath() {
        Finding finding = answer(status("404 Not Found"));

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.symptom()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(finding.message()).contains("-> 404", "nothing serves the health path");
        assertThat(finding.fix()).contains("alb.health-check.path");
    }

    @Test
    void badRequestAndMisdirectedFailAsTheHostRefused() {
        for (String statusLine : List.of("400 Bad Request", "421 Misdirected Request")) {
            Finding finding = answer(status(statusLine));

            assertThat(finding.severity()).as(statusLine).isEqualTo(Severity.FAIL);
            assertThat(finding.symptom()).isEqualTo("Target.ResponseCodeMismatch");
            assertThat(finding.message()).contains("refused the ALB's Host header");
            assertThat(finding.fix()).contains("accept the target's own IP");
        }
    }

    @Test
    void serviceUnavailableFailsAsNotServing() {
        Finding finding = answer(status("503 Service Unavailable"));

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.message()).contains("-> 503", "not serving");
    }

    @Test
    void answerAfterTheTimeoutFailsWithTimeout() {
        Finding finding = check(c -> c.pause(2600).write(status("200 OK")));

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.symptom()).isEqualTo("Target.Timeout");
        assertThat(finding.message()).isEqualTo("no whole answer within alb.health-check.timeout 2s");
        assertThat(finding.evidence().get(1)).contains("timed out", "before any response byte");
    }

    @Test
    void answerSlowerThanHalfTheTimeoutWarns() {
        Finding finding = check(c -> c.pause(1200).write(status("200 OK")));

        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.symptom()).isEqualTo("Target.Timeout");
        assertThat(finding.message()).contains("-> 200", "more than half of alb.health-check.timeout 2s");
    }

    @Test
    void bodyShorterThanContentLengthFailsWithHttp504() {
        Finding finding = check(c -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"status\":").holdOpen());

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.symptom()).isEqualTo("HTTP 504");
        assertThat(finding.message()).contains("Content-Length 100 but sends 10 body bytes", "waits for the rest");
    }

    @Test
    void bodyLongerThanContentLengthFailsWithHttp502() {
        Finding finding = answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nUP and then some");

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.symptom()).isEqualTo("HTTP 502");
        assertThat(finding.message()).startsWith("the response sends 14 bytes after the end its framing announces"
                + " (Content-Length 2)");
        assertThat(finding.fix()).startsWith("send a Content-Length equal to the body");
    }

    @Test
    void closeBeforeTheWholeBodyFailsTheHealthCheck() {
        Finding finding = answer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"status\":");

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.symptom()).isEqualTo("Target.FailedHealthChecks");
        assertThat(finding.message()).contains("the connection ended early",
                "after 10 of Content-Length 100 body bytes");
    }

    @Test
    void headerBlockOverThirtyTwoKibibytesFailsWithHttp502() {
        String padding = "X-Padding: " + "p".repeat(1000) + "\r\n";

        Finding finding = answer(status("200 OK", padding.repeat(33)));

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.symptom()).isEqualTo("HTTP 502");
        assertThat(finding.message()).contains("over the ALB's limit of 32768");
    }

    @Test
    void headerBlockJustUnderThirtyTwoKibibytesPasses() {
        String head = status("200 OK");
        String padding = "X-Padding: " + "p".repeat(32 * 1024 - head.length() - "X-Padding: \r\n".length()) + "\r\n";

        Finding finding = answer(status("200 OK", padding));

        assertThat(finding.severity()).isEqualTo(Severity.PASS);
    }

    @Test
    void malformedAnswerFailsTheHealthCheck() {
        Finding finding = answer("HTTP/1.1 200 OK\r\nX-Folded: first\r\n second\r\nContent-Length: 0\r\n\r\n");

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.symptom()).isEqualTo("Target.FailedHealthChecks");
        assertThat(finding.message()).startsWith("malformed response: ").contains("obs-fold");
    }

    @Test
    void refusedConnectionFailsTheHealthCheck() {
        Finding finding = check(ScriptedServer.refusedAddress());

        assertThat(finding.severity()).isEqualTo(Severity.FAIL);
        assertThat(finding.symptom()).isEqualTo("Target.FailedHealthChecks");
        assertThat(finding.message()).isEqualTo("could not connect: connection refused");
        assertThat(finding.fix()).contains("security group");
    }
}
