package io.albtarget.compat.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.albtarget.AlbSettings;
import io.albtarget.compat.health.RawTarget;
import io.albtarget.compat.health.TargetState;
import io.albtarget.compat.health.TimeScale;
import io.albtarget.servlet.RawHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AlbEmulatorIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
    private static final String UNAVAILABLE =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

    /** Health checks every 500 ms with a timeout of 200 ms, deregistration delay 500 ms, idle timeout 3 s. */
    private static AlbSettings.Builder settings() {
        return AlbSettings.builder().healthCheckPath(RawTarget.HEALTH_PATH).interval(Duration.ofSeconds(5))
                .timeout(Duration.ofSeconds(2)).healthyThreshold(2).unhealthyThreshold(2)
                .deregistrationDelay(Duration.ofSeconds(5)).idleTimeout(Duration.ofSeconds(3));
    }

    private static AlbEmulator emulator(AlbSettings settings) {
        return AlbEmulator.builder().settings(settings).timeScale(TimeScale.dividedBy(10)).start();
    }

    private static AlbEmulator withHealthyTarget(AlbSettings settings, RawTarget target) throws InterruptedException {
        AlbEmulator alb = emulator(settings);
        alb.register(target.address());
        alb.awaitHealthy(target.address(), WAIT);
        return alb;
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: app.example\r\n\r\n";
    }

    private static RawHttp.Response send(AlbEmulator alb, String request) {
        try (RawHttp client = RawHttp.connect(alb.port())) {
            return client.send(request).read();
        }
    }

    private static String lastReason(AlbEmulator alb) {
        List<ErrorEvent> errors = alb.errors();
        assertThat(errors).as("error events").isNotEmpty();
        return errors.get(errors.size() - 1).reason();
    }

    /** Passes health checks; holds traffic requests until the test lets them go, then answers 200. */
    private static RawTarget holding(CountDownLatch received, CountDownLatch answer) throws IOException {
        return RawTarget.start(connection -> {
            for (String request = connection.readRequest(); request != null; request = connection.readRequest()) {
                if (connection.answeredHealthCheck(request)) {
                    return;
                }
                received.countDown();
                answer.await();
                connection.write(OK);
            }
        });
    }

    @Test
    void forwardsTheRequestWithTheAlbsHeaders() throws Exception {
        try (RawTarget target = RawTarget.answering(OK); AlbEmulator alb = withHealthyTarget(settings().build(),
                target); RawHttp client = RawHttp.connect(alb.port())) {
            RawHttp.Response response = client.send("GET /a?b=1 HTTP/1.1\r\nHost: App.EXAMPLE:8080\r\n"
                    + "Connection: keep-alive, X-Private\r\nKeep-Alive: timeout=5\r\nX-Private: 1\r\n"
                    + "Proxy-Authorization: secret\r\nX-Forwarded-For: 203.0.113.7\r\nX-Custom: kept\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello");
            String forwarded = target.trafficRequests().get(0);
            assertThat(forwarded).startsWith("GET /a?b=1 HTTP/1.1\r\n").contains("Host: app.example:8080\r\n",
                    "X-Forwarded-For: 203.0.113.7, 127.0.0.1\r\n", "X-Forwarded-Proto: http\r\n",
                    "X-Forwarded-Port: " + alb.port() + "\r\n", "X-Custom: kept\r\n");
            assertThat(forwarded.toLowerCase(Locale.ROOT)).doesNotContain("connection:", "keep-alive:",
                    "x-private", "proxy-authorization");
            assertThat(forwarded).containsPattern("\r\nX-Amzn-Trace-Id: Root=1-[0-9a-f]{8}-[0-9a-f]{24}\r\n");

            client.send("GET /b HTTP/1.1\r\nHost: app.example\r\n"
                    + "X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678;CalledFrom=app\r\n\r\n").read();
            assertThat(target.trafficRequests().get(1)).containsPattern("\r\nX-Amzn-Trace-Id: Self=1-[0-9a-f]{8}-"
                    + "[0-9a-f]{24};Root=1-67891233-abcdef012345678912345678;CalledFrom=app\r\n");
        }
    }

    @Test
    void reusesOneKeepAliveConnectionForSequentialRequests() throws Exception {
        try (RawTarget target = RawTarget.answering(OK); AlbEmulator alb = withHealthyTarget(settings().build(),
                target)) {
            for (int i = 0; i < 3; i++) {
                assertThat(send(alb, get("/" + i)).status()).isEqualTo(200);
            }

            assertThat(target.trafficConnections()).isEqualTo(1);
            assertThat(alb.requests(target.address())).isEqualTo(3);
            assertThat(alb.responses(200)).isEqualTo(3);
        }
    }

    @Test
    void answersPipelinedClientRequestsInOrderWithoutPipeliningToTheTarget() throws Exception {
        RawTarget.Script echoPath = connection -> {
            for (String request = connection.readRequest(); request != null; request = connection.readRequest()) {
                if (connection.answeredHealthCheck(request)) {
                    return;
                }
                String path = request.split(" ")[1];
                connection.write("HTTP/1.1 200 OK\r\nContent-Length: " + path.length() + "\r\n\r\n" + path);
            }
        };
        try (RawTarget target = RawTarget.start(echoPath); AlbEmulator alb = withHealthyTarget(settings().build(),
                target); RawHttp client = RawHttp.connect(alb.port())) {
            client.send(get("/first") + get("/second") + get("/third"));

            assertThat(List.of(client.read().body(), client.read().body(), client.read().body()))
                    .containsExactly("/first", "/second", "/third");
            assertThat(target.trafficConnections()).isEqualTo(1);
        }
    }

    @Test
    void doesNotPoolAConnectionTheTargetAnsweredWithConnectionClose() throws Exception {
        String closing = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
        try (RawTarget target = RawTarget.answering(closing); AlbEmulator alb = withHealthyTarget(settings().build(),
                target)) {
            assertThat(send(alb, get("/1")).status()).isEqualTo(200);
            assertThat(send(alb, get("/2")).status()).isEqualTo(200);

            assertThat(target.trafficConnections()).isEqualTo(2);
            assertThat(alb.errors()).isEmpty();
        }
    }

    @Test
    void closesAPooledConnectionIdleForTheIdleTimeout() throws Exception {
        AlbSettings settings = settings().idleTimeout(Duration.ofSeconds(1)).build();
        try (RawTarget target = RawTarget.answering(OK); AlbEmulator alb = withHealthyTarget(settings, target)) {
            assertThat(send(alb, get("/")).status()).isEqualTo(200);

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (target.closedTrafficConnections() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(target.closedTrafficConnections()).as("connections the emulator closed").isEqualTo(1);
        }
    }

    @Test
    void aTargetKeepAliveShorterThanTheIdleTimeoutLosesTheRaceWith502() throws Exception {
        // the target closes a connection idle for 1 s; the emulator keeps it for 3 s
        RawTarget.Script shortKeepAlive = connection -> {
            for (String request = connection.readRequest(); request != null; request = connection.readRequest()) {
                if (connection.answeredHealthCheck(request)) {
                    return;
                }
                connection.write(OK);
                if (!connection.requestWithin(1000)) {
                    return;
                }
            }
        };
        try (RawTarget target = RawTarget.start(shortKeepAlive);
                AlbEmulator alb = withHealthyTarget(settings().build(), target)) {
            assertThat(send(alb, get("/1")).status()).isEqualTo(200);
            Thread.sleep(200);
            assertThat(send(alb, get("/2")).status()).as("reused within the target's keep-alive").isEqualTo(200);
            assertThat(target.trafficConnections()).isEqualTo(1);

            Thread.sleep(2000);
            RawHttp.Response late = send(alb, get("/3"));

            assertThat(late.status()).isEqualTo(502);
            assertThat(late.body()).contains("502 Bad Gateway");
            assertThat(lastReason(alb)).startsWith("pooled connection reused after the target closed it");
            assertThat(send(alb, get("/4")).status()).as("a new connection").isEqualTo(200);
        }
    }

    @Test
    void aRefusedConnectGets502() throws Exception {
        RawTarget target = RawTarget.answering(OK);
        try (AlbEmulator alb = withHealthyTarget(settings().build(), target)) {
            target.close();

            // healthy still, or unhealthy and failed open to: either way the request goes to the closed port
            assertThat(send(alb, get("/")).status()).isEqualTo(502);
            assertThat(lastReason(alb)).startsWith("connection refused");
        }
    }

    @Test
    void aTargetThatClosesWithTheRequestOutstandingGets502() throws Exception {
        try (RawTarget target = RawTarget.afterFirstRequest(connection -> { }); AlbEmulator alb = withHealthyTarget(settings().build(),
                target); RawHttp client = RawHttp.connect(alb.port())) {
            RawHttp.Response response = client.send(get("/")).read();

            assertThat(response.status()).isEqualTo(502);
            assertThat(lastReason(alb)).startsWith("target closed the connection with a request outstanding");
            assertThat(client.send(get("/")).read().status()).as("the client connection stays open")
                    .isEqualTo(502);
        }
    }

    @Test
    void aMalformedResponseGets502() throws Exception {
        try (RawTarget target = RawTarget.answering("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n");
                AlbEmulator alb = withHealthyTarget(settings().build(), target)) {
            assertThat(send(alb, get("/")).status()).isEqualTo(502);
            assertThat(lastReason(alb)).startsWith("malformed response");
        }
    }

    @Test
    void aResponseHeaderBlockOver32KiBGets502() throws Exception {
        String huge = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(33 * 1024) + "\r\nContent-Length: 0\r\n\r\n";
        try (RawTarget target = RawTarget.answering(huge); AlbEmulator alb = withHealthyTarget(settings().build(),
                target)) {
            assertThat(send(alb, get("/")).status()).isEqualTo(502);
            assertThat(lastReason(alb)).isEqualTo("the response header block is over 32 KiB");
        }
    }

    @Test
    void noResponseWithinTheIdleTimeoutGets504() throws Exception {
        AlbSettings settings = settings().idleTimeout(Duration.ofSeconds(1)).build();
        try (RawTarget target = RawTarget.afterFirstRequest(connection -> connection.readRequest()); AlbEmulator alb = withHealthyTarget(settings, target)) {
            assertThat(send(alb, get("/")).status()).isEqualTo(504);
            assertThat(lastReason(alb)).isEqualTo("no response within the idle timeout of 1s");
        }
    }

    @Test
    void aContentLengthLargerThanTheBodyGets504() throws Exception {
        RawTarget.Script shortBody = connection -> {
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            connection.readRequest();
        };
        AlbSettings settings = settings().idleTimeout(Duration.ofSeconds(1)).build();
        try (RawTarget target = RawTarget.afterFirstRequest(shortBody); AlbEmulator alb = withHealthyTarget(settings, target)) {
            assertThat(send(alb, get("/")).status()).isEqualTo(504);
            assertThat(alb.responses(504)).isEqualTo(1);
        }
    }

    @Test
    void withoutARoutableTargetTheAnswerIs503() throws Exception {
        try (AlbEmulator alb = emulator(settings().unhealthyThreshold(10).build());
                RawTarget failing = switchable(new AtomicReference<>(UNAVAILABLE))) {
            assertThat(send(alb, get("/")).status()).isEqualTo(503);
            assertThat(lastReason(alb)).isEqualTo("no registered target");

            alb.register(failing.address());

            assertThat(send(alb, get("/")).status()).as("an initial target gets nothing").isEqualTo(503);
            assertThat(lastReason(alb)).startsWith("no healthy target");
            assertThat(alb.requests(failing.address())).isZero();
        }
    }

    @Test
    void routesRoundRobinToHealthyTargetsAndFailsOpenWhenAllAreUnhealthy() throws Exception {
        AtomicReference<String> healthOfA = new AtomicReference<>(RawTarget.HEALTHY);
        AtomicReference<String> healthOfB = new AtomicReference<>(RawTarget.HEALTHY);
        try (RawTarget a = switchable(healthOfA); RawTarget b = switchable(healthOfB);
                AlbEmulator alb = emulator(settings().build())) {
            alb.register(a.address());
            alb.register(b.address());
            alb.awaitHealthy(a.address(), WAIT);
            alb.awaitHealthy(b.address(), WAIT);
            sendAll(alb, 4);
            assertThat(alb.requests(a.address())).isEqualTo(2);
            assertThat(alb.requests(b.address())).isEqualTo(2);

            healthOfB.set(UNAVAILABLE);
            alb.awaitState(b.address(), TargetState.UNHEALTHY, WAIT);
            sendAll(alb, 4);
            assertThat(alb.requests(a.address())).isEqualTo(6);
            assertThat(alb.requests(b.address())).as("no requests once unhealthy").isEqualTo(2);

            healthOfA.set(UNAVAILABLE);
            alb.awaitState(a.address(), TargetState.UNHEALTHY, WAIT);
            sendAll(alb, 2);
            assertThat(alb.requests(a.address())).isEqualTo(7);
            assertThat(alb.requests(b.address())).as("fail open").isEqualTo(3);
        }
    }

    private static RawTarget switchable(AtomicReference<String> health) throws IOException {
        return RawTarget.start(connection -> {
            for (String request = connection.readRequest(); request != null; request = connection.readRequest()) {
                if (request.startsWith("GET " + RawTarget.HEALTH_PATH + " ")) {
                    connection.write(health.get());
                    return;
                }
                connection.write(OK);
            }
        });
    }

    private static void sendAll(AlbEmulator alb, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(send(alb, get("/")).status()).isEqualTo(200);
        }
    }

    @Test
    void aDrainingTargetGetsNoNewRequestsButFinishesThoseInFlight() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        try (RawTarget target = holding(received, answer);
                AlbEmulator alb = withHealthyTarget(settings().deregistrationDelay(Duration.ofSeconds(30)).build(),
                        target)) {
            CompletableFuture<RawHttp.Response> inFlight = CompletableFuture.supplyAsync(() -> send(alb, get("/")));
            assertThat(received.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            alb.deregister(target.address());

            assertThat(alb.health(target.address()).state()).isEqualTo(TargetState.DRAINING);
            assertThat(send(alb, get("/new")).status()).isEqualTo(503);
            answer.countDown();
            assertThat(inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(alb.requests(target.address())).isEqualTo(1);
        }
    }

    @Test
    void aRequestStillOutstandingWhenTheDeregistrationDelayElapsesGets502() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (RawTarget target = holding(received, never);
                AlbEmulator alb = withHealthyTarget(settings().build(), target)) {
            CompletableFuture<RawHttp.Response> inFlight = CompletableFuture.supplyAsync(() -> send(alb, get("/")));
            assertThat(received.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            alb.deregister(target.address());

            assertThat(inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(502);
            assertThat(lastReason(alb)).isEqualTo("the deregistration delay elapsed with the request outstanding");
            assertThat(alb.health(target.address()).state()).isEqualTo(TargetState.UNUSED);
        } finally {
            never.countDown();
        }
    }

    @Test
    void refusesToRegisterATargetTwice() throws Exception {
        try (RawTarget target = RawTarget.answering(OK); AlbEmulator alb = emulator(settings().build())) {
            alb.register(target.address());

            assertThatThrownBy(() -> alb.register(target.address())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is registered already");
            assertThatThrownBy(() -> alb.health(new InetSocketAddress("127.0.0.1", 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not registered");
        }
    }
}
