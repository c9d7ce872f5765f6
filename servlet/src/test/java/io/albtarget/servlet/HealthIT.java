package io.albtarget.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.SuccessCodes;
import io.albtarget.health.HealthState;
import io.albtarget.spi.HealthIndicator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;

/** The health endpoint and the drain sequence on Tomcat, Jetty and Undertow, over raw sockets. */
class HealthIT {

    private static String albHealthCheck(String path, int port) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                + "User-Agent: ELB-HealthChecker/2.0\r\nAccept-Encoding: gzip, compressed\r\n\r\n";
    }

    @ServerTest
    @DisplayName("the ALB's health check gets the matcher's code, GET and HEAD")
    void albHealthCheckGetsTheMatchersCode(TestServers server) throws Exception {
        try (TestServers.Running running = server.withAlbtarget(AlbSettings.builder()
                .matcher(SuccessCodes.parse("200-299")).build())) {
            RawHttp.Response get = RawHttp.exchange(running.port(), albHealthCheck("/health", running.port()));
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(get.header("Content-Length")).isEqualTo("15");
            assertThat(get.header("Cache-Control")).isEqualTo("no-store");
            assertThat(get.header("Content-Type")).startsWith("application/json");

            RawHttp.Response head = RawHttp.exchange(running.port(), albHealthCheck("/health", running.port())
                    .replace("GET ", "HEAD "));
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("15");
        }
    }

    @ServerTest
    void matcherOf202Gets202(TestServers server) throws Exception {
        try (TestServers.Running running = server.withAlbtarget(AlbSettings.builder()
                .matcher(SuccessCodes.parse("202")).build())) {
            assertThat(RawHttp.exchange(running.port(), albHealthCheck("/health", running.port())).status())
                    .isEqualTo(202);
        }
    }

    @ServerTest
    @DisplayName("with path /, only the ALB's health checker gets the health answer; others reach the app")
    void rootPathAnswersOnlyTheHealthChecker(TestServers server) throws Exception {
        try (TestServers.Running running = server.withAlbtarget(AlbSettings.builder().healthCheckPath("/")
                .build())) {
            String request = albHealthCheck("/", running.port());
            assertThat(RawHttp.exchange(running.port(), request).body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(RawHttp.exchange(running.port(), request.replace("ELB-HealthChecker/2.0", "curl/8.5"))
                    .body()).isEqualTo("x-test=\n");
        }
    }

    @ServerTest
    @DisplayName("the target's owner starts it and drains it: the filter and the server's stop do neither")
    void theOwnerStartsAndDrainsTheTarget(TestServers server) {
        AlbTarget target = AlbTarget.create(AlbSettings.defaults());
        try (TestServers.Running running = server.withAlbtarget(target)) {
            RawHttp.Response starting = RawHttp.exchange(running.port(), albHealthCheck("/health", running.port()));
            assertThat(starting.status()).isEqualTo(503);
            assertThat(starting.body()).isEqualTo("{\"status\":\"STARTING\"}");
            target.start();
            assertThat(RawHttp.exchange(running.port(), albHealthCheck("/health", running.port())).status())
                    .isEqualTo(200);
        }
        assertThat(target.health().state()).as("after the server stopped").isEqualTo(HealthState.SERVING);
    }

    @ServerTest
    @DisplayName("a hanging indicator cannot hold up the health answer past the deadline")
    void hangingIndicatorAnswersWithinTheDeadline(TestServers server) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AlbSettings settings = AlbSettings.builder().timeout(Duration.ofSeconds(2))
                .healthDeadline(Duration.ofMillis(300)).build();
        AlbTarget target = AlbTarget.create(settings);
        target.start();
        try (TestServers.Running running = server.withAlbtarget(target)) {
            target.health().register(new HealthIndicator() {
                @Override
                public String name() {
                    return "hangs";
                }

                @Override
                public Status check() throws InterruptedException {
                    release.await();
                    return Status.UP;
                }
            });
            long start = System.nanoTime();
            RawHttp.Response response = RawHttp.exchange(running.port(), albHealthCheck("/health", running.port()));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\"}");
            assertThat(millis).as("generous bound around the 300 ms deadline").isLessThan(1800);
        } finally {
            release.countDown();
        }
    }

    @ServerTest
    @DisplayName("drain: health fails at once, requests are still served with Connection: close, slow ones finish")
    void drainKeepsServing(TestServers server) throws Exception {
        AlbSettings settings = AlbSettings.builder().drainWait(Duration.ofSeconds(2))
                .drainTimeout(Duration.ofSeconds(5)).build();
        AlbTarget target = AlbTarget.create(settings);
        target.start();
        try (TestServers.Running running = server.withAlbtarget(target);
                RawHttp keptAlive = RawHttp.connect(running.port())) {
            int port = running.port();
            String get = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
            assertThat(keptAlive.send(get).read().status()).isEqualTo(200);
            CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> RawHttp.exchange(port,
                    "GET /?ms=1500 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n"));
            Thread.sleep(200);

            CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> target.drain().run());
            long start = System.nanoTime();
            RawHttp.Response health;
            do {
                health = RawHttp.exchange(port, albHealthCheck("/health", port));
            } while (health.status() != 503 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
            assertThat(health.status()).as("health turns 503 within 1 s").isEqualTo(503);
            assertThat(health.body()).isEqualTo("{\"status\":\"DRAINING\"}");

            RawHttp.Response during = keptAlive.send(get).read();
            assertThat(during.status()).isEqualTo(200);
            assertThat(during.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(slow.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
            drained.get(10, TimeUnit.SECONDS);
        }
    }
}
