package io.albtarget.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private Process process;
    private Thread readOutput;
    private int port;

    private static ProcessBuilder example(Map<String, String> environment) {
        return example(List.of(), environment);
    }

    private static ProcessBuilder example(List<String> jvmOptions, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        builder.environment().putAll(environment);
        return builder;
    }

    private void start(Map<String, String> environment) throws Exception {
        start(List.of(), environment);
    }

    private void start(List<String> jvmOptions, Map<String, String> environment) throws Exception {
        launch(example(jvmOptions, environment));
        Matcher matcher = LISTENING.matcher(awaitLine(Duration.ofSeconds(30), "listening on port"));
        assertThat(matcher.find()).isTrue();
        port = Integer.parseInt(matcher.group(1));
    }

    /**
     * Starts the example with its output read line by line as it comes: into {@link #output} for
     * {@link #awaitLine}, and into {@link #printed}, which keeps every line.
     */
    private void launch(ProcessBuilder example) throws IOException {
        assertThat(JAR).exists();
        process = example.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        readOutput = new Thread(() -> out.lines().forEach(line -> {
            printed.add(line);
            output.add(line);
        }), "example-output");
        readOutput.setDaemon(true);
        readOutput.start();
    }

    /** Sends SIGTERM, as {@code kill} does. */
    private void sigterm() throws Exception {
        Process kill = new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** Waits for the process to exit, and then for the rest of its output; fails with its output if it does not. */
    private Duration awaitExit(Duration within) throws InterruptedException {
        long start = System.nanoTime();
        boolean exited = process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(exited).as("exited within %s; printed:\n%s", within, String.join("\n", printed)).isTrue();
        readOutput.join(TimeUnit.SECONDS.toMillis(5));
        return took;
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
    void busyPortExitsAtOnceWithTheMessage() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int busyPort = busy.getLocalPort();
            ProcessBuilder example = example(Map.of("ALB_DRAIN_WAIT", "60s"));
            example.environment().put("PORT", String.valueOf(busyPort));
            long start = System.nanoTime();
            launch(example);

            awaitLine(Duration.ofSeconds(30), "albtarget example: cannot listen on port " + busyPort
                    + ": Address already in use; set PORT to a free port");
            Duration afterMessage = awaitExit(Duration.ofSeconds(2));
            System.out.printf(Locale.ROOT, "busy port: exit %d, %d ms after the message, %d ms after start%n",
                    process.exitValue(), afterMessage.toMillis(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(printed).noneMatch(line -> line.contains("listening on port") || line.contains("draining"));
        }
    }

    @Test
    void sigtermDuringTheKeepAliveMeasurementReportsItNotMeasured() throws Exception {
        start(Map.of("ALB_IDLE_TIMEOUT", "30s", "ALB_KEEP_ALIVE_MARGIN", "2s", "ALB_DRAIN_WAIT", "2s"));
        awaitLine(Duration.ofSeconds(10), "albtarget self-check: measuring the server's idle timeout");

        sigterm();
        String measured = awaitLine(Duration.ofSeconds(10), "keep-alive.measured");
        awaitExit(Duration.ofSeconds(30));
        // the signal may reach the self-check between that line and the measurement's first byte (on a busy
        // machine it did): either way the finding is a SKIP that says so, never a judgement of the shutdown's close
        assertThat(measured).contains("SKIP").containsPattern("stopped before the measurement (began|ended)");
        assertThat(printed).noneMatch(line -> line.contains("WARN keep-alive.measured"))
                .noneMatch(line -> line.contains("FAIL keep-alive.measured"));
    }

    @Test
    void secondSigtermCutsTheDrainShort() throws Exception {
        start(Map.of("ALB_DRAIN_WAIT", "300s", "ALB_SELF_CHECK", "off"));

        sigterm();
        awaitLine(Duration.ofSeconds(10), "albtarget: draining; health answers 503, serving on for 300s",
                "set alb.drain.wait (ALB_DRAIN_WAIT) to shorten it");
        assertThat(RawHttp.exchange(port, albHealthCheck()).status()).isEqualTo(503);
        long secondSignal = System.nanoTime();
        sigterm();
        awaitLine(Duration.ofSeconds(10), "albtarget: drain cut short; 0 request(s) still in flight");
        awaitExit(Duration.ofSeconds(20));
        System.out.printf(Locale.ROOT, "second SIGTERM: exit %d, %d ms after it%n", process.exitValue(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - secondSignal));
        assertThat(process.exitValue()).as("128 + SIGTERM, as the JVM exits on it").isEqualTo(143);
    }

    @Test
    void withoutSunMiscSignalSigtermStillDrainsInAShutdownHook() throws Exception {
        // java.se holds every standard module but not jdk.unsupported, where sun.misc.Signal lives
        start(List.of("--limit-modules", "java.se"), Map.of("ALB_DRAIN_WAIT", "1s", "ALB_SELF_CHECK", "off"));
        assertThat(printed).anyMatch(line -> line.startsWith("albtarget example: the JVM keeps SIGTERM and SIGINT"
                + " (java.lang.ClassNotFoundException: sun.misc.Signal)"));
        sigterm();
        awaitLine(Duration.ofSeconds(10), "albtarget: drained; 0 request(s) still in flight");
        awaitExit(Duration.ofSeconds(30));
        assertThat(process.exitValue()).isEqualTo(143);
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
