package io.albtarget.examples.springwebflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.GuardAssertions;
import io.albtarget.servlet.LaunchedProcess;
import io.albtarget.servlet.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The packaged Spring WebFlux example as a user runs it, {@code java -jar} with {@code --server.port} and
 * {@code ALB_*} settings, probed over raw sockets with Spring Security on, then stopped with SIGTERM while a
 * streaming response is in flight.
 */
class ExampleSpringWebfluxProcessIT {

    private static final Path JAR = Path.of("target", "albtarget-example-spring-webflux.jar");
    private static final Pattern STARTED = Pattern.compile("Netty started on port (\\d+)");
    private static final String CREDENTIALS = "Basic "
            + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.US_ASCII));
    private static final String LOGIN = "Authorization: " + CREDENTIALS + "\r\n";
    /** The drain's line when its wait is over, with one request or more still in flight. */
    private static final Pattern WAITING_FOR_REQUESTS = Pattern.compile("drain wait over; .* for [1-9]\\d* in-flight");

    @AutoClose
    private LaunchedProcess example;
    private int port;

    private void start(Map<String, String> environment) throws Exception {
        example = LaunchedProcess.start(LaunchedProcess.javaJar(JAR, List.of(), List.of("--server.port=0"),
                environment));
        port = example.awaitPort(Duration.ofSeconds(60), STARTED);
    }

    private String albHealthCheck() {
        return RawHttp.albHealthCheck("127.0.0.1:" + port);
    }

    private String get(String path, String headers) {
        return "GET " + path + " HTTP/1.1\r\n" + headers + "Connection: close\r\n\r\n";
    }

    private String post(String path) {
        return "POST " + path + " HTTP/1.1\r\n" + host() + LOGIN + "Content-Length: 0\r\nConnection: close\r\n\r\n";
    }

    private String host() {
        return "Host: 127.0.0.1:" + port + "\r\n";
    }

    @Test
    void healthAnswersWithoutLoginRequestsAreGuardedAndSigtermDrainsAStream() throws Exception {
        start(Map.of("ALB_DRAIN_WAIT", "1s"));
        example.awaitLine(Duration.ofSeconds(10), "albtarget self-check of http://127.0.0.1:" + port,
                "as the ALB sees it");

        RawHttp.Response health = RawHttp.exchange(port, albHealthCheck());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(RawHttp.exchange(port, get("/", host())).status()).as("Spring Security is on").isEqualTo(401);
        assertThat(RawHttp.exchange(port, get("/", host() + LOGIN)).body()).isEqualTo("hello\n");
        assertRefused(get("/", host() + LOGIN + "X-A: a\r\n b\r\n"), "obs-fold (multi-line) header line");
        assertRefused(get("/", "Host: 203.0.113.9\r\n" + LOGIN), "Host is not an address of this target");
        assertRefused(get("/", host() + host() + LOGIN), "more than one Host header");
        assertRefused(get("/", LOGIN), "Host header is missing");

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<Stream<String>> stream = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/stream?parts=4")).header("Authorization", CREDENTIALS)
                .build(), HttpResponse.BodyHandlers.ofLines());
        Iterator<String> parts = stream.body().iterator();
        assertThat(parts.next()).as("the stream has begun").isEqualTo("part 1 of 4");
        CompletableFuture<List<String>> rest = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            parts.forEachRemaining(lines::add);
            return lines;
        });

        example.sigterm();
        long start = System.nanoTime();
        // Actuator's readiness contributor may answer DOWN a moment before the drain has begun: 503 either way
        do {
            health = RawHttp.exchange(port, albHealthCheck());
        } while (!health.body().contains("DRAINING") && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        assertThat(health.status()).as("health answers 503 within 1 s of SIGTERM").isEqualTo(503);
        assertThat(health.body()).isEqualTo("{\"status\":\"DRAINING\"}");
        RawHttp.Response during = RawHttp.exchange(port, get("/", host() + LOGIN));
        assertThat(during.status()).as("served during the drain wait").isEqualTo(200);
        assertThat(during.header("Connection")).isEqualToIgnoringCase("close");

        assertThat(rest.get(15, TimeUnit.SECONDS)).as("the stream outlives the drain wait and ends")
                .containsExactly("part 2 of 4", "part 3 of 4", "part 4 of 4");
        example.awaitExit(Duration.ofSeconds(30));
        assertThat(example.printed()).anyMatch(line -> line.contains("albtarget: draining; health answers 503"));
        assertThat(example.printed()).as("the stream counts in flight after the drain wait")
                .anyMatch(line -> WAITING_FOR_REQUESTS.matcher(line).find());
    }

    /** albtarget's refusal: 400, its reason as one line of plain text, and the connection closes. */
    private void assertRefused(String request, String reason) {
        GuardAssertions.assertRefusal(RawHttp.exchange(port, request), 400, reason);
    }

    /** Reactor Netty never closes an idle connection by itself: the close at 3 s + 2 s is albtarget's setting. */
    @Test
    void anIdleConnectionOutlivesTheAlbIdleTimeoutAndClosesAfterTheMargin() throws Exception {
        start(Map.of("ALB_IDLE_TIMEOUT", "3s", "ALB_KEEP_ALIVE_MARGIN", "2s", "ALB_SELF_CHECK", "off"));

        try (RawHttp idle = RawHttp.connect(port)) {
            assertThat(idle.send("GET / HTTP/1.1\r\n" + host() + LOGIN + "\r\n").read().body()).isEqualTo("hello\n");
            assertThat(idle.closedWithin(Duration.ofSeconds(4))).as("idle connection open after 4 s").isFalse();
            assertThat(idle.closedWithin(Duration.ofSeconds(3))).as("closed by 3 s + 2 s").isTrue();
        }
    }

    @Test
    void aReactiveDependencyDownOrHangingTakesTheTargetOutWithoutHoldingTheAnswer() throws Exception {
        start(Map.of("ALB_HEALTH_CHECK_TIMEOUT", "2s", "ALB_SELF_CHECK", "off"));

        assertThat(RawHttp.exchange(port, post("/dependency/down")).body()).isEqualTo("dependency down\n");
        RawHttp.Response down = RawHttp.exchange(port, albHealthCheck());
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\"}");
        assertThat(RawHttp.exchange(port, post("/dependency/up")).body()).isEqualTo("dependency up\n");
        assertThat(RawHttp.exchange(port, albHealthCheck()).status()).isEqualTo(200);

        // from UP, so that the 503 comes from the hanging answer, not from the last one
        assertThat(RawHttp.exchange(port, post("/dependency/slow")).body()).isEqualTo("dependency slow\n");
        long start = System.nanoTime();
        RawHttp.Response hanging;
        do {
            // each answer within alb.health.deadline (1 s): its last result at first, DOWN once it has hung for
            // longer than the health-check timeout; RawHttp would give up on one that waited for the minute
            hanging = RawHttp.exchange(port, albHealthCheck());
            Thread.sleep(100);
        } while (hanging.status() == 200 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        assertThat(hanging.status()).as("hung past alb.health-check.timeout: DOWN").isEqualTo(503);
        assertThat(hanging.body()).isEqualTo("{\"status\":\"DOWN\"}");
    }
}
