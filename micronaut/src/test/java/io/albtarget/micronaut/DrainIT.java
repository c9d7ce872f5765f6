package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbTarget;
import io.albtarget.health.HealthState;
import io.albtarget.servlet.RawHttp;
import io.albtarget.servlet.RawHttp.Response;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The context stops while a reactive request is in flight: health answers 503, the server keeps accepting and
 * closes each connection after its response, and the request that outlives the drain wait still gets its answer.
 */
class DrainIT {

    @Test
    void drainsBeforeTheServerStops() {
        EmbeddedServer server = Servers.start(Map.of("alb.drain.wait", "1s", "alb.drain.timeout", "10s"));
        int port = server.getPort();
        AlbTarget target = server.getApplicationContext().getBean(AlbTarget.class);
        try (RawHttp slow = RawHttp.connect(port)) {
            slow.send("GET /slow?millis=2500 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            awaitTrue(() -> target.drain().inFlight() == 1);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server.getApplicationContext()::close);
            awaitTrue(() -> target.drain().closesConnections());

            assertThat(RawHttp.exchange(port, Servers.HEALTH_CHECK).status()).isEqualTo(503);
            try (RawHttp other = RawHttp.connect(port)) {
                Response served = other.send("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").read();
                assertThat(served.status()).isEqualTo(200);
                assertThat(served.header("Connection")).isEqualTo("close");
                assertThat(other.closedByServer()).isTrue();
            }
            Response outlived = slow.read();
            assertThat(outlived.status()).isEqualTo(200);
            assertThat(outlived.body()).isEqualTo("slow");
            assertThat(outlived.header("Connection")).isEqualTo("close");
            stopping.join();
            assertThat(target.drain().inFlight()).isZero();
        }
    }

    /**
     * What Micronaut's own shutdown hook does: the server stops, then the context. The server drains first, still
     * accepting: the ALB's health check gets 503 while the wait lasts.
     */
    @Test
    @Timeout(30)
    void theServerStoppedFirstDrainsBeforeItStopsListening() {
        // a wait no loaded machine outlasts, cut short once the health check has been seen
        EmbeddedServer server = Servers.start(Map.of("alb.drain.wait", "20s"));
        int port = server.getPort();
        AlbTarget target = server.getApplicationContext().getBean(AlbTarget.class);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop());
        awaitTrue(() -> target.drain().closesConnections());

        assertThat(RawHttp.exchange(port, Servers.HEALTH_CHECK).status()).isEqualTo(503);
        target.drain().cutShort();
        stopping.join();
        assertThat(server.isRunning()).isFalse();
        assertThat(server.getApplicationContext().isRunning()).isFalse();
        assertThat(target.health().state()).isEqualTo(HealthState.STOPPED);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s for the condition").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
