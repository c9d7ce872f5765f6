package io.albtarget.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged example as a user runs it: {@code java -jar} with {@code ALB_*} settings in the environment, probed
 * over raw sockets, then stopped with SIGTERM.
 */
class ExampleProcessIT {

    private static final Path JAR = Path.of("target", "albtarget-example-servlet.jar");
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private Process process;
    private int port;

    private static ProcessBuilder example(Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()).redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        builder.environment().putAll(environment);
        return builder;
    }

    private void start(Map<String, String> environment) throws Exception {
        assertThat(JAR).exists();
        process = example(environment).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                port = Integer.parseInt(matcher.group(1));
                break;
            }
        }
        assertThat(port).as("the example printed its port:\n%s", seen).isPositive();
        Thread drainOutput = new Thread(() -> out.lines().forEach(output::add), "example-output");
        drainOutput.setDaemon(true);
        drainOutput.start();
    }

    /** Waits for an output line containing all the parts; fails with what was printed meanwhile. */
    private String awaitLine(Duration within, String... parts) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            seen.append(line).append('\n');
            String candidate = line;
            if (Arrays.stream(parts).allMatch(candidate::contains)) {
                return line;
            }
        }
        throw new AssertionError("no line with " + Arrays.toString(parts) + " within " + within + "; printed:\n"
                + seen);
    }

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String albHealthCheck() {
        return "GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                + "User-Agent: ELB-HealthChecker/2.0\r\nAccept-Encoding: gzip, compressed\r\n\r\n";
    }

    @Test
    void healthKeepAliveAndDrainOnSigterm() throws Exception {
        start(Map.of("ALB_IDLE_TIMEOUT", "3s", "ALB_KEEP_ALIVE_MARGIN", "2s", "ALB_HEALTH_CHECK_MATCHER", "200-299",
                "ALB_DRAIN_WAIT", "4s"));
        assertThat(RawHttp.exchange(port, albHealthCheck()).status()).isBetween(200, 299);

        try (RawHttp idle = RawHttp.connect(port)) {
            assertThat(idle.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").read().body())
                    .isEqualTo("hello\n");
            assertThat(idle.closedWithin(Duration.ofSeconds(4))).as("idle connection open after 4 s").isFalse();
        }

        CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> RawHttp.exchange(port,
                "GET /slow?ms=3000 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n"));
        Thread.sleep(300);
        process.destroy();
        long start = System.nanoTime();
        RawHttp.Response health;
        do {
            health = RawHttp.exchange(port, albHealthCheck());
        } while (health.status() != 503 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        assertThat(health.status()).as("health answers 503 within 1 s of SIGTERM").isEqualTo(503);
        assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the process exits by itself").isTrue();
    }

    @Test
    void selfCheckLogsItsSummaryWithinTwoSecondsOfListeningThenTheKeepAliveMeasurement(@TempDir Path reports)
            throws Exception {
        Path report = reports.resolve("self-check.json");
        start(Map.of("ALB_IDLE_TIMEOUT", "1s", "ALB_KEEP_ALIVE_MARGIN", "1s",
                "ALB_SELF_CHECK_REPORT", report.toString()));

        String summary = awaitLine(Duration.ofSeconds(2), "albtarget self-check of http://127.0.0.1:" + port,
                "as the ALB sees it");
        assertThat(summary).containsPattern(": \\d+ PASS$");
        awaitLine(Duration.ofSeconds(5), "albtarget self-check PASS keep-alive.measured");
        awaitLine(Duration.ofSeconds(2), " PASS, 0 WARN, 0 FAIL, 0 SKIP");
        assertThat(report).content().contains("\"verdict\":\"PASS\"", "\"id\":\"keep-alive.measured\"");
    }

    @Test
    void selfCheckInFailModeStopsStartupWhenTheAlbCouldNotReachTheHealthPort() throws Exception {
        int closedPort;
        try (ServerSocket closed = new ServerSocket(0)) {
            closedPort = closed.getLocalPort();
        }
        process = example(Map.of("ALB_SELF_CHECK", "fail", "ALB_HEALTH_CHECK_PORT", String.valueOf(closedPort)))
                .start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(printed).isEqualTo(1);
        assertThat(printed).contains("startup stopped by alb.self-check=fail",
                "FAIL health-path", "could not connect: connection refused -> Target.FailedHealthChecks");
    }

    @Test
    void invalidSettingExitsWithTheMessage() throws Exception {
        process = example(Map.of("ALB_HEALTH_CHECK_INTERVAL", "2s")).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("alb.health-check.interval must be between 5s and 300s, but was 2s");
    }
}
