package io.albtarget.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DrainTest {

    private final AlbSettings settings = AlbSettings.builder().drainWait(Duration.ofMillis(300))
            .drainTimeout(Duration.ofSeconds(5)).build();
    private final AlbHealth health = AlbHealth.withoutServiceLoader(settings);
    private final Drain drain = Drain.of(settings, health);

    @Test
    void healthFailsAtOnceThenInFlightRequestsFinishBeforeStopped() throws Exception {
        health.markServing();
        drain.requestStarted();
        assertThat(drain.closesConnections()).isFalse();
        CompletableFuture<Void> running = CompletableFuture.runAsync(drain::run);
        waitFor(() -> health.state() == HealthState.DRAINING);
        assertThat(health.answer().status()).isEqualTo(503);
        assertThat(drain.closesConnections()).isTrue();
        Thread.sleep(500);
        assertThat(running).as("still waiting for the in-flight request").isNotDone();
        assertThat(health.state()).isEqualTo(HealthState.DRAINING);
        drain.requestFinished();
        running.get(5, TimeUnit.SECONDS);
        assertThat(health.state()).isEqualTo(HealthState.STOPPED);
        assertThat(drain.inFlight()).isZero();
    }

    @Test
    void inFlightRequestsAreWaitedForAtMostTheDrainTimeout() throws Exception {
        AlbSettings quick = settings.toBuilder().drainWait(Duration.ZERO).drainTimeout(Duration.ofMillis(200)).build();
        AlbHealth quickHealth = AlbHealth.withoutServiceLoader(quick);
        Drain quickDrain = Drain.of(quick, quickHealth);
        quickDrain.requestStarted();
        CompletableFuture.runAsync(quickDrain::run).get(5, TimeUnit.SECONDS);
        assertThat(quickHealth.state()).isEqualTo(HealthState.STOPPED);
        assertThat(quickDrain.inFlight()).isEqualTo(1);
    }

    @Test
    void secondRunReturnsAtOnceAndWithoutWaitSkipsTheWait() throws Exception {
        AlbSettings longWait = settings.toBuilder().drainWait(Duration.ofHours(1)).build();
        AlbHealth longHealth = AlbHealth.withoutServiceLoader(longWait);
        Drain longDrain = Drain.of(longWait, longHealth);
        longDrain.runWithoutWait();
        assertThat(longHealth.state()).isEqualTo(HealthState.STOPPED);
        longDrain.run();
        longDrain.runWithoutWait();
        assertThat(longHealth.state()).isEqualTo(HealthState.STOPPED);
    }

    @Test
    void secondRunWaitsForTheDrainInProgress() throws Exception {
        health.markServing();
        CompletableFuture<Void> first = CompletableFuture.runAsync(drain::run);
        waitFor(() -> health.state() == HealthState.DRAINING);
        drain.run();
        assertThat(health.state()).isEqualTo(HealthState.STOPPED);
        first.get(5, TimeUnit.SECONDS);
    }

    @Test
    void waitEndsWhenTheServerStopsOnItsOwn() throws Exception {
        AlbSettings longWait = settings.toBuilder().drainWait(Duration.ofHours(1)).build();
        AlbHealth longHealth = AlbHealth.withoutServiceLoader(longWait);
        Drain longDrain = Drain.of(longWait, longHealth);
        CompletableFuture<Void> running = CompletableFuture.runAsync(longDrain::run);
        waitFor(() -> longHealth.state() == HealthState.DRAINING);
        longDrain.runWithoutWait();
        running.get(5, TimeUnit.SECONDS);
        assertThat(longHealth.state()).isEqualTo(HealthState.STOPPED);
    }

    @Test
    void shutdownHookDrainsThenStopsTheServer() throws Exception {
        health.markServing();
        CompletableFuture<HealthState> stoppedIn = new CompletableFuture<>();
        Thread hook = drain.shutdownHook(() -> stoppedIn.complete(health.state()));
        hook.start();
        hook.join(5000);
        assertThat(stoppedIn).isCompletedWithValue(HealthState.STOPPED);
    }

    @Test
    void firstLineNamesWhereTheWaitComesFrom() throws Exception {
        try (DrainLog log = new DrainLog()) {
            drain.run();
            assertThat(log.lines().get(0)).isEqualTo("albtarget: draining; health answers 503, serving on for"
                    + " 300ms (alb.drain.wait)");
        }
    }

    @Test
    void cutShortEndsTheWaitAtOnce() throws Exception {
        Drain longDrain = longDrain(Duration.ofHours(1), Duration.ofHours(1));
        try (DrainLog log = new DrainLog()) {
            longDrain.requestStarted();
            CompletableFuture<Void> running = CompletableFuture.runAsync(longDrain::run);
            waitFor(() -> log.lines().size() == 1);
            longDrain.cutShort();
            running.get(5, TimeUnit.SECONDS);
            assertThat(longDrain.inFlight()).isEqualTo(1);
            assertThat(log.lines()).hasSize(2).last()
                    .isEqualTo("albtarget: drain cut short; 1 request(s) still in flight, the server may stop");
            longDrain.cutShort();
            assertThat(log.lines()).as("logged once").hasSize(2);
        }
    }

    @Test
    void cutShortEndsTheWaitForInFlightRequestsAtOnce() throws Exception {
        Drain longDrain = longDrain(Duration.ZERO, Duration.ofHours(1));
        try (DrainLog log = new DrainLog()) {
            longDrain.requestStarted();
            CompletableFuture<Void> running = CompletableFuture.runAsync(longDrain::run);
            waitFor(() -> log.lines().size() == 2);
            assertThat(log.lines().get(1)).contains("for 1 in-flight request(s)");
            longDrain.cutShort();
            running.get(5, TimeUnit.SECONDS);
            assertThat(log.lines()).last().asString().startsWith("albtarget: drain cut short; 1 request(s)");
        }
    }

    @Test
    void interruptCutsTheDrainShortAndStaysSet() throws Exception {
        Drain longDrain = longDrain(Duration.ofHours(1), Duration.ofHours(1));
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread draining = new Thread(() -> {
            longDrain.run();
            interruptedAfter.complete(Thread.currentThread().isInterrupted());
        }, "test-drain");
        draining.start();
        waitFor(() -> draining.getState() == Thread.State.TIMED_WAITING);
        draining.interrupt();
        assertThat(interruptedAfter.get(5, TimeUnit.SECONDS)).isTrue();
    }

    private static Drain longDrain(Duration wait, Duration timeout) {
        AlbSettings longSettings = AlbSettings.builder().drainWait(wait).drainTimeout(timeout).build();
        AlbHealth longHealth = AlbHealth.withoutServiceLoader(longSettings);
        longHealth.markServing();
        return Drain.of(longSettings, longHealth);
    }

    /** The drain's log lines while open, as java.util.logging gets them (core logs there without SLF4J). */
    private static final class DrainLog extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger(Drain.class.getName());
        private final List<String> lines = new CopyOnWriteArrayList<>();

        DrainLog() {
            logger.addHandler(this);
        }

        List<String> lines() {
            return lines;
        }

        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
