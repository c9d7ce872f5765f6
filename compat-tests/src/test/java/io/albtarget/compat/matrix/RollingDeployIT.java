package io.albtarget.compat.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.compat.emulator.AlbEmulator;
import io.albtarget.compat.health.TimeScale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rolling deploy, end to end: two instances of the application behind the ALB emulator under steady load; one is
 * shut down as its platform does on SIGTERM, and the emulator learns it only from its health checks (interval 5 s,
 * timeout 2 s, unhealthy threshold 2, played ten times faster). Every failed request is one a client would see.
 */
class RollingDeployIT {

    static final String SCENARIO = "Rolling deploy through the ALB emulator";
    static final TimeScale SCALE = TimeScale.dividedBy(10);
    static final AlbSettings SETTINGS = MatrixSettings.SCALED.toBuilder()
            .interval(Duration.ofSeconds(5))
            .timeout(Duration.ofSeconds(2))
            .unhealthyThreshold(2)
            // longer than the emulator needs to count two failed checks: 2 x 0.5 s + 0.2 s
            .drainWait(Duration.ofSeconds(3))
            .build();
    /** Steady load: this many clients, each sending its next request as soon as the last is answered. */
    static final int CLIENTS = 2;

    @ParameterizedTest
    @MethodSource("io.albtarget.compat.matrix.Server#selected")
    void withAlbtargetNoRequestFails(Server server) throws Exception {
        CompletableFuture<MatrixReport.Count> withAlbtarget = CompletableFuture.supplyAsync(
                () -> deploy(server, Mode.ALBTARGET));
        MatrixReport.Count baseline = deploy(server, Mode.BASELINE);
        MatrixReport.Count count = withAlbtarget.join();
        String description = "Two instances behind the emulator under steady load (" + CLIENTS + " clients);"
                + " one is shut down as on SIGTERM and the emulator learns it from its health checks (every 0.5 s,"
                + " unhealthy after 2 failures); with albtarget, alb.drain.wait is 3 s.";
        MatrixReport.RUN.count(SCENARIO, description, "failed requests", server, Mode.ALBTARGET, count);
        MatrixReport.RUN.count(SCENARIO, description, "failed requests", server, Mode.BASELINE, baseline);
        assertThat(count.failed()).as("%s with albtarget: failed requests of %d", server, count.total()).isZero();
        assertThat(count.total()).as("requests sent").isPositive();
    }

    private static MatrixReport.Count deploy(Server server, Mode mode) {
        AlbSettings settings = MatrixSettings.targetGroup(SETTINGS, mode);
        ExecutorService load = Executors.newFixedThreadPool(CLIENTS + 1);
        try (RunningServer leaving = server.start(mode, settings);
                RunningServer staying = server.start(mode, settings);
                AlbEmulator emulator = AlbEmulator.builder().settings(settings).timeScale(SCALE).start()) {
            for (RunningServer running : List.of(leaving, staying)) {
                emulator.register(running.address());
            }
            for (RunningServer running : List.of(leaving, staying)) {
                emulator.awaitHealthy(running.address(), Duration.ofSeconds(10));
            }
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(CompletableFuture.runAsync(() -> {
                    Client client = new Client(emulator.uri());
                    while (sending.get()) {
                        sent.incrementAndGet();
                        if (!client.succeeds()) {
                            failed.incrementAndGet();
                        }
                    }
                }, load));
            }
            Thread.sleep(1000);
            leaving.shutdown();
            // requests go on to the instance that stays, as they would until the next deploy step
            Thread.sleep(1000);
            sending.set(false);
            clients.forEach(CompletableFuture::join);
            return new MatrixReport.Count(failed.get(), sent.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(server + " " + mode + ": the deploy could not run", e);
        } finally {
            load.shutdownNow();
        }
    }
}
