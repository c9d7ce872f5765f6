package io.albtarget.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.health.Drain;
import io.albtarget.health.HealthState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.DisplayName;

/**
 * The drain waits for a request still in flight once {@code alb.drain.wait} is over, on Tomcat, Jetty and Undertow.
 * The client holds the request in flight: it sends the body's last bytes only when the test says, and the echo
 * servlet answers only once it has read the whole body.
 */
class DrainIT {

    private static final Duration WAIT = Duration.ofMillis(100);
    private static final AlbSettings SETTINGS = AlbSettings.builder().drainWait(WAIT)
            .drainTimeout(Duration.ofSeconds(20)).build();

    @ServerTest
    @DisplayName("a synchronous request in flight past alb.drain.wait is waited for")
    void synchronousRequestIsWaitedFor(TestServers server) throws Exception {
        heldRequestIsWaitedFor(server, "/");
    }

    @ServerTest
    @DisplayName("an async request in flight past alb.drain.wait is waited for until its async cycle completes")
    void asyncRequestIsWaitedFor(TestServers server) throws Exception {
        heldRequestIsWaitedFor(server, "/?async");
    }

    @ServerTest
    @DisplayName("a request that goes async a second time after a dispatch is waited for until it completes")
    void requestGoingAsyncTwiceIsWaitedFor(TestServers server) throws Exception {
        heldRequestIsWaitedFor(server, "/?async-twice");
    }

    private static void heldRequestIsWaitedFor(TestServers server, String path) throws Exception {
        AlbTarget target = AlbTarget.create(SETTINGS);
        target.start();
        try (TestServers.Running running = server.withAlbtarget(target);
                RawHttp held = RawHttp.connect(running.port())) {
            Drain drain = target.drain();
            held.send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + running.port()
                    + "\r\nContent-Length: 4\r\nConnection: close\r\n\r\nab");
            awaitValue(drain::inFlight, 1);

            CompletableFuture<Void> drained = CompletableFuture.runAsync(drain::run);
            assertThatThrownBy(() -> drained.get(WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS))
                    .as("the drain still waits for the held request a second after alb.drain.wait")
                    .isInstanceOf(TimeoutException.class);
            assertThat(drain.inFlight()).isEqualTo(1);
            assertThat(target.health().state()).isEqualTo(HealthState.DRAINING);

            RawHttp.Response response = held.send("cd").read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-Body-Length")).isEqualTo("4");
            drained.get(10, TimeUnit.SECONDS);
            assertThat(drain.inFlight()).isZero();
            assertThat(target.health().state()).isEqualTo(HealthState.STOPPED);
        }
    }

    private static void awaitValue(IntSupplier value, int expected) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int seen;
        while ((seen = value.getAsInt()) != expected && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(seen).as("requests in flight").isEqualTo(expected);
    }
}
