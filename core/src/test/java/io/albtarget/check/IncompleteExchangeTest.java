package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.albtarget.AlbSettings;
import io.albtarget.ScriptedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every check that probes the target, against servers whose exchanges do not complete: one that accepts and never
 * answers, one that closes at once, one that answers like an SSH server. None of them passes, and each says what
 * happened. The health-check timeout is the ALB's minimum, 2 s, and keep-alive is scaled to 1 s + 1 s.
 */
final class IncompleteExchangeTest {

    private static final AlbSettings SETTINGS = AlbSettings.builder().timeout(Duration.ofSeconds(2))
            .interval(Duration.ofSeconds(5)).idleTimeout(Duration.ofSeconds(1)).keepAliveMargin(Duration.ofSeconds(1))
            .build();
    private static final ScriptedServer.Script SILENT = ScriptedServer.Connection::holdOpen;
    private static final ScriptedServer.Script CLOSING = connection -> { };
    private static final ScriptedServer.Script GARBAGE = connection -> connection.write(
            "SSH-2.0-OpenSSH_9.6\r\nInvalid SSH identification string.\r\n");

    /** Every finding of a plain-HTTP target's whole self-check, the keep-alive measurement included, by id. */
    private static Map<String, Finding> selfCheck(ScriptedServer.Script script) {
        try (ScriptedServer server = ScriptedServer.start(script)) {
            SelfCheck selfCheck = SelfCheck.of(SETTINGS, CheckRun.loopback(server.port()));
            List<Finding> findings = new ArrayList<>(selfCheck.run().findings());
            findings.addAll(selfCheck.measureKeepAlive().findings());
            Map<String, Finding> byId = new LinkedHashMap<>();
            findings.forEach(f -> byId.put(f.id(), f));
            return byId;
        }
    }

    private static void assertSaid(Finding finding, Severity severity, String symptom, String happened) {
        assertThat(finding.severity()).as(finding.toString()).isEqualTo(severity);
        assertThat(finding.symptom()).as(finding.toString()).isEqualTo(symptom);
        assertThat(finding.message()).as(finding.id()).contains(happened);
    }

    /** What the checks after health-path say of a server whose exchanges end as {@code happened} says. */
    private static void assertNoPassAfterTheHealthPath(Map<String, Finding> findings, String framingSymptom,
            String happened) {
        assertSaid(findings.get("host-forms"), Severity.SKIP, "", happened);
        assertThat(findings.get("host-forms").message()).startsWith("neither Host form got a whole answer");
        for (String framing : List.of("framing.obs-fold", "framing.empty-header-name")) {
            assertSaid(findings.get(framing), Severity.WARN, framingSymptom, happened);
        }
        assertSaid(findings.get("keep-alive.measured"), Severity.SKIP, "", happened);
    }

    @Test
    void aServerThatNeverAnswersPassesNothing() {
        Map<String, Finding> findings = selfCheck(SILENT);

        assertSaid(findings.get("health-path"), Severity.FAIL, "Target.Timeout",
                "no whole answer within alb.health-check.timeout 2s");
        assertThat(findings.get("health-path").evidence().get(1)).startsWith("got: timed out after ");
        assertNoPassAfterTheHealthPath(findings, "HTTP 504", "timed out after ");
        assertThat(findings.get("framing.obs-fold").message()).contains("neither refuses nor answers");
    }

    static Stream<Arguments> serversThatCloseOrAnswerGarbage() {
        return Stream.of(
                Arguments.of(Named.of("closes at once", CLOSING),
                        "the connection ended early: the server closed the connection before any response byte",
                        "closed early after "),
                Arguments.of(Named.of("answers like an SSH server", GARBAGE),
                        "malformed response: the status line is not HTTP/1.x: 'SSH-2.0-OpenSSH_9.6'",
                        "malformed after "));
    }

    @ParameterizedTest(name = "a server that {0} passes nothing")
    @MethodSource("serversThatCloseOrAnswerGarbage")
    void aServerThatClosesOrAnswersGarbagePassesNothing(ScriptedServer.Script script, String healthMessage,
            String happened) {
        Map<String, Finding> findings = selfCheck(script);

        assertSaid(findings.get("health-path"), Severity.FAIL, "Target.FailedHealthChecks", healthMessage);
        assertNoPassAfterTheHealthPath(findings, "HTTP 502", happened);
    }

    @Test
    void tlsChecksOfServersThatCloseOrAnswerGarbagePassNothing() {
        for (ScriptedServer.Script script : List.of(CLOSING, GARBAGE)) {
            try (ScriptedServer server = ScriptedServer.start(script)) {
                Report report = SelfCheck.of(SETTINGS, CheckRun.loopback(server.port()).tls(true)).run();

                assertThat(report.findings()).as(report.toText()).filteredOn(f -> f.id().startsWith("tls."))
                        .extracting(Finding::id).containsExactly("tls.2016-08", "tls.tls13-1-0-2021-06");
                assertThat(report.findings()).as(report.toText()).filteredOn(f -> !f.id().equals("settings"))
                        .extracting(Finding::severity).doesNotContain(Severity.PASS);
                assertThat(report.findings().get(0).message()).startsWith("could not connect: TLS handshake"
                        + " failed: ");
            }
        }
    }

    @Test
    void listenAddressPassesOnlyAWholeAnswerWhereTheAlbConnects() {
        for (ScriptedServer.Script script : List.of(SILENT, CLOSING, GARBAGE)) {
            try (ScriptedServer server = ScriptedServer.everywhere(script)) {
                List<Finding> findings = CheckRun.findings(new ListenAddressCheck(), SETTINGS,
                        CheckTarget.local(server.port()));
                assumeTrue(!findings.isEmpty(), "this machine has no address besides the loopback");

                assertThat(findings).hasSize(1);
                assertThat(findings.get(0).severity()).as(findings.get(0).toString()).isEqualTo(Severity.SKIP);
                assertThat(findings.get(0).message()).startsWith("no whole answer on ").endsWith("nor on the loopback");
            }
        }
    }

    @Test
    void listenAddressFailsAServerThatAnswersTheLoopbackButNotTheAlbsAddress() {
        try (ScriptedServer server = ScriptedServer.everywhere(c -> {
            if (c.arrivedOn().isLoopbackAddress()) {
                c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            } else {
                c.holdOpen();
            }
        })) {
            List<Finding> findings = CheckRun.findings(new ListenAddressCheck(), SETTINGS,
                    CheckTarget.local(server.port()));
            assumeTrue(!findings.isEmpty(), "this machine has no address besides the loopback");

            Finding finding = findings.get(0);
            assertThat(finding.severity()).isEqualTo(Severity.FAIL);
            assertThat(finding.symptom()).isEqualTo("Target.Timeout");
            assertThat(finding.message()).startsWith("the server answers on the loopback but gives no whole answer on ")
                    .contains(", where the ALB connects: timed out after ");
        }
    }

    @Test
    void listenAddressPassesAServerThatAnswersWhereTheAlbConnects() {
        try (ScriptedServer server = ScriptedServer.everywhere(c -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 0"
                + "\r\n\r\n"))) {
            List<Finding> findings = CheckRun.findings(new ListenAddressCheck(), SETTINGS,
                    CheckTarget.local(server.port()));
            assumeTrue(!findings.isEmpty(), "this machine has no address besides the loopback");

            assertThat(findings.get(0).severity()).isEqualTo(Severity.PASS);
            assertThat(findings.get(0).message()).endsWith(":" + server.port() + ", where the ALB connects");
            assertThat(server.requests()).allMatch(r -> r.startsWith("GET /health HTTP/1.1\r\nHost: "));
        }
    }
}
