package io.albtarget.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.LaunchedProcess;
import io.albtarget.servlet.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged Spring Boot example as a user runs it, {@code java -jar} with {@code --server.port} and
 * {@code ALB_*} settings, probed over raw sockets with Spring Security on, then stopped with SIGTERM.
 */
class ExampleSpringBootProcessIT {

    private static final Path JAR = Path.of("target", "albtarget-example-spring-boot.jar");
    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");
    private static final String LOGIN = "Authorization: Basic "
            + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.US_ASCII)) + "\r\n";

    private LaunchedProcess example;
    private int port;

    private void start(Map<String, String> environment) throws Exception {
        example = LaunchedProcess.start(LaunchedProcess.javaJar(JAR, List.of(), List.of("--server.port=0"),
                environment));
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
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers + "Connection: close\r\n\r\n";
    }

    @Test
    void healthAnswersWithoutLoginRequestsAreGuardedAndSigtermDrains() throws Exception {
        start(Map.of("ALB_DRAIN_WAIT", "3s"));
        example.awaitLine(Duration.ofSeconds(10), "albtarget self-check of http://127.0.0.1:" + port,
                "as the ALB sees it");

        RawHttp.Response health = RawHttp.exchange(port, albHealthCheck());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(RawHttp.exchange(port, get("/", "")).status()).as("Spring Security is on").isEqualTo(401);
        assertThat(RawHttp.exchange(port, get("/", LOGIN)).body()).isEqualTo("hello\n");
        RawHttp.Response folded = RawHttp.exchange(port, get("/", LOGIN + "X-A: a\r\n b\r\n"));
        assertThat(folded.status()).isEqualTo(400);
        assertThat(folded.body()).isEqualTo("obs-fold (multi-line) header line\n");
        assertThat(RawHttp.exchange(port, get("/", LOGIN).replace("Host: 127.0.0.1:" + port, "Host: 203.0.113.9"))
                .status()).isEqualTo(400);

        CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> RawHttp.exchange(port,
                get("/slow?ms=2000", LOGIN)));
        Thread.sleep(300);
        example.sigterm();
        long start = System.nanoTime();
        // Actuator's readiness contributor may answer DOWN a moment before the drain has begun: 503 either way
        do {
            health = RawHttp.exchange(port, albHealthCheck());
        } while (!health.body().contains("DRAINING") && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        assertThat(health.status()).as("health answers 503 within 1 s of SIGTERM").isEqualTo(503);
        assertThat(health.body()).isEqualTo("{\"status\":\"DRAINING\"}");
        RawHttp.Response during = RawHttp.exchange(port, get("/", LOGIN));
        assertThat(during.status()).as("served during the drain wait").isEqualTo(200);
        assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        example.awaitExit(Duration.ofSeconds(30));
        assertThat(example.printed()).anyMatch(line -> line.contains("albtarget: draining; health answers 503"));
    }

    @Test
    void anIdleConnectionOutlivesTheAlbIdleTimeout() throws Exception {
        start(Map.of("ALB_IDLE_TIMEOUT", "3s", "ALB_SELF_CHECK", "off"));

        try (RawHttp idle = RawHttp.connect(port)) {
            assertThat(idle.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + LOGIN + "\r\n").read()
                    .body()).isEqualTo("hello\n");
            assertThat(idle.closedWithin(Duration.ofSeconds(4))).as("idle connection open after 4 s").isFalse();
        }
    }

    @Test
    void aDependencyDownOrHangingDecidesHealthWithinTheDeadline() throws Exception {
        start(Map.of("ALB_HEALTH_CHECK_TIMEOUT", "2s", "ALB_SELF_CHECK", "off"));

        assertThat(RawHttp.exchange(port, post("/dependency/down")).status()).isEqualTo(200);
        RawHttp.Response down = RawHttp.exchange(port, albHealthCheck());
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\"}");

        assertThat(RawHttp.exchange(port, post("/dependency/slow")).status()).isEqualTo(200);
        long start = System.nanoTime();
        RawHttp.Response hanging = RawHttp.exchange(port, albHealthCheck());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(hanging.status()).as("never answered: DOWN").isEqualTo(503);
        assertThat(millis).as("answered by alb.health.deadline (1 s), not after the dependency's minute")
                .isLessThan(TimeUnit.SECONDS.toMillis(30));
    }

    private String post(String path) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + LOGIN
                + "Content-Length: 0\r\nConnection: close\r\n\r\n";
    }
}
