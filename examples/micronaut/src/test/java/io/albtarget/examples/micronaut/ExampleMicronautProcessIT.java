package io.albtarget.examples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.GuardAssertions;
import io.albtarget.servlet.LaunchedProcess;
import io.albtarget.servlet.RawHttp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged Micronaut example as a user runs it, {@code java -jar} with {@code PORT} (or
 * {@code MICRONAUT_SERVER_PORT}) and {@code ALB_*} settings in the environment, probed over raw sockets, then stopped
 * with SIGTERM.
 */
class ExampleMicronautProcessIT {

    private static final Path JAR = Path.of("target", "albtarget-example-micronaut.jar");
    private static final Pattern STARTED = Pattern.compile("Server Running: http://[^/]+:(\\d+)");

    private LaunchedProcess example;
    private int port;

    /** Starts the example on any free port ({@code PORT=0}) unless the environment names a port. */
    private void start(Map<String, String> environment) throws Exception {
        Map<String, String> withPort = new HashMap<>(environment);
        if (!withPort.containsKey("MICRONAUT_SERVER_PORT")) {
            withPort.putIfAbsent("PORT", "0");
        }
        ProcessBuilder command = LaunchedProcess.javaJar(JAR, List.of(), List.of(), withPort);
        if (!withPort.containsKey("PORT")) {
            command.environment().remove("PORT");
        }
        example = LaunchedProcess.start(command);
        port = example.awaitPort(Duration.ofSeconds(60), STARTED);
    }

    @AfterEach
    void stop() {
        if (example != null) {
            example.close();
        }
    }

    private String albHealthCheck() {
        return RawHttp.albHealthCheck("127.0.0.1:" + port);
    }

    private String get(String path, String headers) {
        return "GET " + path + " HTTP/1.1\r\n" + headers + "Connection: close\r\n\r\n";
    }

    private String host() {
        return "Host: 127.0.0.1:" + port + "\r\n";
    }

    @Test
    void healthIsAnsweredRequestsAreGuardedAndSigtermDrains() throws Exception {
        start(Map.of("ALB_DRAIN_WAIT", "2s"));
        example.awaitLine(Duration.ofSeconds(10), "albtarget self-check of http://127.0.0.1:" + port,
                "as the ALB sees it");

        RawHttp.Response health = RawHttp.exchange(port, albHealthCheck());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(RawHttp.exchange(port, get("/", host())).body()).isEqualTo("hello\n");
        assertRefused(get("/", host() + "X-A: a\r\n b\r\n"), "obs-fold (multi-line) header line");
        assertRefused(get("/", host() + host()), "more than one Host header");
        assertRefused(get("/", ""), "Host header is missing");
        assertRefused(get("/", "Host: 203.0.113.9\r\n"), "Host is not an address of this target");

        CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> RawHttp.exchange(port,
                get("/slow?ms=1500", host())));
        Thread.sleep(300);
        example.sigterm();
        long start = System.nanoTime();
        do {
            health = RawHttp.exchange(port, albHealthCheck());
        } while (health.status() != 503 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        assertThat(health.status()).as("health answers 503 within 1 s of SIGTERM").isEqualTo(503);
        assertThat(health.body()).isEqualTo("{\"status\":\"DRAINING\"}");
        RawHttp.Response during = RawHttp.exchange(port, get("/", host()));
        assertThat(during.status()).as("served during the drain wait").isEqualTo(200);
        assertThat(during.header("Connection")).isEqualTo("close");
        RawHttp.Response inFlight = slow.get(10, TimeUnit.SECONDS);
        assertThat(inFlight.status()).isEqualTo(200);
        assertThat(inFlight.body()).isEqualTo("slept 1500 ms\n");
        example.awaitExit(Duration.ofSeconds(30));
        assertThat(example.printed()).anyMatch(line -> line.contains("albtarget: draining; health answers 503"));
    }

    /** albtarget's refusal: 400, its reason as one line of plain text, and the connection closes. */
    private void assertRefused(String request, String reason) {
        GuardAssertions.assertRefusal(RawHttp.exchange(port, request), 400, reason);
    }

    /** The server's idle timeout follows the setting, where Micronaut's own (5 minutes) would keep it open. */
    @Test
    void anIdleConnectionOutlivesTheAlbIdleTimeoutAndClosesAfterTheMargin() throws Exception {
        start(Map.of("ALB_IDLE_TIMEOUT", "3s", "ALB_KEEP_ALIVE_MARGIN", "2s", "ALB_SELF_CHECK", "off"));

        try (RawHttp idle = RawHttp.connect(port)) {
            assertThat(idle.send("GET / HTTP/1.1\r\n" + host() + "\r\n").read().body()).isEqualTo("hello\n");
            assertThat(idle.closedWithin(Duration.ofSeconds(4))).as("idle connection open after 4 s").isFalse();
            assertThat(idle.closedWithin(Duration.ofSeconds(3))).as("closed by 3 s + 2 s").isTrue();
        }
    }

    @Test
    void aDependencyDownOrHangingDecidesHealthWithinTheDeadline() throws Exception {
        start(Map.of("ALB_HEALTH_CHECK_TIMEOUT", "2s", "ALB_SELF_CHECK", "off"));

        assertThat(RawHttp.exchange(port, post("/dependency/down")).body()).isEqualTo("dependency down\n");
        RawHttp.Response down = RawHttp.exchange(port, albHealthCheck());
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\"}");

        assertThat(RawHttp.exchange(port, post("/dependency/slow")).body()).isEqualTo("dependency slow\n");
        long start = System.nanoTime();
        RawHttp.Response hanging = RawHttp.exchange(port, albHealthCheck());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(hanging.status()).as("never answered: DOWN").isEqualTo(503);
        assertThat(millis).as("answered by alb.health.deadline (1 s), not after the dependency's minute")
                .isLessThan(TimeUnit.SECONDS.toMillis(30));
    }

    private String post(String path) {
        return "POST " + path + " HTTP/1.1\r\n" + host() + "Content-Length: 0\r\nConnection: close\r\n\r\n";
    }

    @Test
    void aWrongSettingStopsTheStartupNamingIt() throws Exception {
        example = LaunchedProcess.start(LaunchedProcess.javaJar(JAR, List.of(), List.of(),
                Map.of("PORT", "0", "ALB_HEALTH_CHECK_INTERVAL", "2s")));

        example.awaitExit(Duration.ofSeconds(60));
        assertThat(example.exitValue()).isEqualTo(1);
        assertThat(example.printed()).as("the first error names the setting, its range and the value")
                .filteredOn(line -> line.contains("ERROR"))
                .first().asString()
                .endsWith("albtarget: alb.health-check.interval must be between 5s and 300s, but was 2s");
    }

    @Test
    void listensOnThePortMicronautServerPortNames() throws Exception {
        int free;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = socket.getLocalPort();
        }

        start(Map.of("MICRONAUT_SERVER_PORT", String.valueOf(free), "ALB_SELF_CHECK", "off"));

        assertThat(port).isEqualTo(free);
        assertThat(RawHttp.exchange(port, albHealthCheck()).status()).isEqualTo(200);
    }
}
