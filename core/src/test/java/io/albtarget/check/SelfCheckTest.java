package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.albtarget.AlbSettings;
import io.albtarget.ScriptedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SelfCheck#start()} in each {@code alb.self-check} mode, against scripted servers; the keep-alive
 * measurement is scaled to alb.idle-timeout 1s + alb.keep-alive.margin 1s.
 */
final class SelfCheckTest {

    private static final AlbSettings SCALED = AlbSettings.builder().idleTimeout(Duration.ofSeconds(1))
            .keepAliveMargin(Duration.ofSeconds(1)).build();
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    /** Answers 200 to everything and keeps the connection open unless the request asked for its close. */
    private static ScriptedServer healthyTarget() {
        return ScriptedServer.start(c -> {
            c.write(OK);
            if (!c.request().contains("\r\nConnection: close\r\n")) {
                c.holdOpen();
            }
        });
    }

    private static SelfCheck selfCheck(AlbSettings settings, ScriptedServer server) {
        return SelfCheck.of(settings, CheckTarget.remote(server.address()));
    }

    private static Report completed(CompletableFuture<Report> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void offDoesNothing() throws Exception {
        try (ScriptedServer server = healthyTarget()) {
            CompletableFuture<Report> future = selfCheck(SCALED.toBuilder().selfCheck(AlbSettings.SelfCheckMode.OFF)
                    .build(), server).start();

            assertThat(future).isDone();
            assertThat(future.get().findings()).isEmpty();
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void switchedOffAlbtargetDoesNothing() throws Exception {
        try (ScriptedServer server = healthyTarget()) {
            CompletableFuture<Report> future = selfCheck(SCALED.toBuilder().enabled(false).build(), server).start();

            assertThat(future.get().findings()).isEmpty();
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void failThrowsNamingTheFailureOfATargetThat404s() {
        try (ScriptedServer server = ScriptedServer.answering("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")) {
            SelfCheck check = selfCheck(SCALED.toBuilder().selfCheck(AlbSettings.SelfCheckMode.FAIL).build(), server);

            SelfCheckFailedException failure = catchThrowableOfType(SelfCheckFailedException.class, check::start);

            assertThat(failure).as("alb.self-check=fail throws").isNotNull();
            assertThat(failure.getMessage()).contains("1 FAIL (health-path)", "Target.ResponseCodeMismatch",
                    "nothing serves the health path");
            assertThat(failure.report().hasFailures()).isTrue();
            assertThat(failure.report().findings()).extracting(Finding::id).containsExactly("health-path",
                    "host-forms", "framing.obs-fold", "framing.empty-header-name", "keep-alive.configured",
                    "settings");
            assertThat(server.requests()).as("the fast checks only, each asking for the connection's close")
                    .hasSize(5).allMatch(request -> request.contains("\r\nConnection: close\r\n"));
        }
    }

    @Test
    void logCompletesWithTheFastFindingsAndTheKeepAliveMeasurement() throws Exception {
        try (ScriptedServer server = healthyTarget()) {
            Report report = completed(selfCheck(SCALED, server).start());

            assertThat(report.findings()).extracting(Finding::id).containsExactly("health-path", "host-forms",
                    "framing.obs-fold", "framing.empty-header-name", "keep-alive.configured", "settings",
                    "keep-alive.measured");
            assertThat(report.findings()).filteredOn(f -> f.id().startsWith("framing."))
                    .extracting(Finding::severity).containsOnly(Severity.WARN);
            assertThat(report.findings().get(0).severity()).isEqualTo(Severity.PASS);
            assertThat(report.findings().get(6).severity()).isEqualTo(Severity.PASS);
            assertThat(report.hasFailures()).isFalse();
            assertThat(report.target()).startsWith("http://127.0.0.1:" + server.port() + " as the ALB sees it")
                    .contains("HTTP /health", "matcher 200", "timeout 5s", "idle 1s");
        }
    }

    @Test
    void failWithoutFailuresMeasuresKeepAliveAndWritesTheJsonReport(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("self-check.json");
        try (ScriptedServer server = healthyTarget()) {
            AlbSettings settings = SCALED.toBuilder().selfCheck(AlbSettings.SelfCheckMode.FAIL)
                    .selfCheckReport(file).build();

            Report report = completed(selfCheck(settings, server).start());

            String json = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(json).isEqualTo(report.toJson() + "\n");
            assertThat(json).startsWith("{\"target\":\"http://127.0.0.1:").contains("\"verdict\":\"WARN\"",
                    "{\"id\":\"keep-alive.measured\",\"severity\":\"PASS\"");
            try (var files = Files.list(directory)) {
                assertThat(files).as("no temporary file left behind").containsExactly(file);
            }
        }
    }

    /** The JDK's HTTP server on the loopback, answering 200 and keeping connections alive, as a real target. */
    private static HttpServer jdkServer(CountDownLatch answered) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
            exchange.close();
            answered.countDown();
        });
        server.start();
        return server;
    }

    @Test
    void aServerStoppedDuringTheKeepAliveMeasurementIsNotMeasured() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        HttpServer server = jdkServer(answered);
        Finding finding;
        try {
            // an idle timeout far beyond the test: only the stop can end this measurement soon
            SelfCheck selfCheck = SelfCheck.of(AlbSettings.defaults(),
                    CheckRun.loopback(server.getAddress().getPort()));
            CompletableFuture<Report> measured = CompletableFuture.supplyAsync(selfCheck::measureKeepAlive);
            assertThat(answered.await(5, TimeUnit.SECONDS)).as("the measurement's request was answered").isTrue();

            // the order a shutting-down server follows: stop the self-check, then close the connections
            selfCheck.stop();
            server.stop(0);
            finding = measured.get(10, TimeUnit.SECONDS).findings().get(0);
        } finally {
            server.stop(0);
        }

        assertThat(finding.id()).isEqualTo("keep-alive.measured");
        assertThat(finding.severity()).as(finding.toString()).isEqualTo(Severity.SKIP);
        assertThat(finding.message()).startsWith("the self-check was stopped before the measurement ended (");
        assertThat(finding.fix()).isEmpty();
    }

    @Test
    void aStoppedSelfCheckDoesNotStartAMeasurement() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        HttpServer server = jdkServer(answered);
        try {
            SelfCheck selfCheck = SelfCheck.of(SCALED, CheckRun.loopback(server.getAddress().getPort()));
            selfCheck.stop();

            Report report = completed(selfCheck.start());

            assertThat(report.findings()).last().satisfies(finding -> {
                assertThat(finding.id()).isEqualTo("keep-alive.measured");
                assertThat(finding.severity()).isEqualTo(Severity.SKIP);
                assertThat(finding.message()).isEqualTo("the self-check was stopped before the measurement began");
            });
            assertThat(report.findings().get(0).severity()).as("the fast checks still ran").isEqualTo(Severity.PASS);
        } finally {
            server.stop(0);
        }
    }
}
